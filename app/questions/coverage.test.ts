/**
 * Coverage audit: facts an examiner would pick from the five corpus files (content/000…004).
 *
 * How the facts were chosen: by reading the files as an outside reviewer would, without looking at the
 * bank, the generator's code or its other tests, and in the kinds of the dev-eval reviewer's facts
 * (../shared/dev-eval/README.md; none of those facts or documents is copied here):
 * - `law` — the 2024 保守国家秘密法 in 001, spread over every chapter (法律责任 included) and over the roles
 *   an examiner asks about: a definition's defining feature, a classification (分为…), a principle
 *   (坚持/遵循…原则), the object of a duty, a prohibited act, the responsible or approving body and its
 *   level, a period/deadline/frequency, the consequence of a condition, the dates (通过/修订/施行) and
 *   enumerations;
 * - `phrase` — key formulations (提法) of the reports, speeches and meetings, quoted or not (先立后破,
 *   以A为B, X是…的重要举措 …);
 * - `target` — numeric targets and results with their year, and qualitative targets.
 * Facts were picked because an examiner would ask them, including ones a generator is likely to miss;
 * the facts of the earlier audit were kept only where they are what the reviewer would pick anyway.
 *
 * A question asks a fact when
 * - its source (or a merged source of its knowledge point) lies in the fact's file, and
 * - one of its answers, after normalizeAnswer, equals the fact's answer or contains it at a number
 *   boundary (5%左右 is not inside 5.5%左右); for a list question (多选, “下列不属于”), the items of
 *   its knowledge point count as what it asks, and a fill-in with one blank per item asks the whole list, and
 * - when the fact has a cue (a short answer like 3% that other facts share), the cue occurs in the
 *   stem or in the quoted source sentence.
 * 判断 questions answer 正确/错误 and so never count; a fact must be asked for by name.
 *
 * The REQUIRED figures below are a floor, not a target: each is the share measured when it was set,
 * rounded down to the next 0.05 (set at 70.4% overall; law 78.6%, phrase 55.7%, target 92.1%). They catch regressions and are raised as the generator improves, never
 * lowered to pass.
 */
import { describe, expect, it } from "vitest";
import { contentCorpus } from "./content-corpus";
import { generateBank } from "./bank";
import { normalizeAnswer } from "./text";
import type { Bank, Question } from "./types";
import { blankCount } from "./blanks";

type FactKind = "law" | "phrase" | "target";
type LawRole =
  | "definition"
  | "classification"
  | "principle"
  | "object"
  | "prohibited"
  | "body"
  | "period"
  | "consequence"
  | "date"
  | "enumeration";

interface AuditFact {
  file: "000" | "001" | "002" | "003" | "004";
  kind: FactKind;
  /** For law facts: what the fact is about. */
  role?: LawRole;
  /** The answer an examiner expects; several spellings or list items are alternatives. */
  answer: string | string[];
  what: string;
  /** Must occur in the stem or the source quote (disambiguates short answers). */
  cue?: string;
}

const L = (role: LawRole, answer: string | string[], what: string, cue?: string): AuditFact => ({
  file: "001",
  kind: "law",
  role,
  answer,
  what,
  ...(cue ? { cue } : {}),
});

export const AUDIT_FACTS: AuditFact[] = [
  // ==== 000: study pack — Xinhua items of the 2024 两会, 中部 symposium, Hunan tour, Politburo, Guangdong and Guangzhou meetings
  { file: "000", kind: "phrase", answer: "加大宏观调控力度", what: "报告摘要：过去一年主要工作一是加大宏观调控力度" },
  { file: "000", kind: "phrase", answer: "先立后破", what: "（新华社摘要）坚持稳中求进、以进促稳、先立后破" },
  {
    file: "000",
    kind: "phrase",
    answer: "首要任务",
    what: "江苏代表团：牢牢把握高质量发展这个首要任务",
    cue: "高质量发展",
  },
  { file: "000", kind: "phrase", answer: "因地制宜", what: "江苏代表团：因地制宜发展新质生产力", cue: "新质生产力" },
  {
    file: "000",
    kind: "phrase",
    answer: "先进制造业",
    what: "江苏：构建以先进制造业为骨干的现代化产业体系",
    cue: "骨干",
  },
  { file: "000", kind: "phrase", answer: "两个毫不动摇", what: "江苏：完善落实“两个毫不动摇”的体制机制" },
  {
    file: "000",
    kind: "phrase",
    answer: ["精准治污、科学治污、依法治污", "科学治污"],
    what: "环境资源界：精准治污、科学治污、依法治污方针",
  },
  {
    file: "000",
    kind: "phrase",
    answer: "国家战略体系和能力重要组成部分",
    what: "新兴领域战略能力是国家战略体系和能力重要组成部分",
  },
  { file: "000", kind: "phrase", answer: "新质战斗力", what: "打造新质生产力和新质战斗力增长极" },
  {
    file: "000",
    kind: "phrase",
    answer: ["重要粮食生产基地", "能源原材料基地", "现代装备制造及高技术产业基地", "综合交通运输枢纽"],
    what: "中部地区的定位：三基地一枢纽",
  },
  { file: "000", kind: "phrase", answer: "县城", what: "推进以县城为重要载体的新型城镇化建设", cue: "重要载体" },
  {
    file: "000",
    kind: "phrase",
    answer: "内陆地区改革开放高地",
    what: "湖南：打造国家重要先进制造业高地、具有核心竞争力的科技创新高地、内陆地区改革开放高地",
  },
  { file: "000", kind: "target", answer: "13个", what: "湖南是全国13个粮食主产省之一", cue: "粮食主产省" },
  { file: "000", kind: "phrase", answer: "核心要素", what: "科技创新是发展新质生产力的核心要素" },
  { file: "000", kind: "phrase", answer: "总抓手", what: "推进乡村全面振兴是新时代新征程“三农”工作的总抓手" },
  { file: "000", kind: "phrase", answer: ["种子和耕地", "种子", "耕地"], what: "抓住种子和耕地两个要害", cue: "要害" },
  {
    file: "000",
    kind: "phrase",
    answer: ["学纪、知纪、明纪、守纪", "党纪学习教育"],
    what: "组织开展好党纪学习教育，引导党员干部学纪、知纪、明纪、守纪",
  },
  {
    file: "000",
    kind: "phrase",
    answer: ["重要物质基础和政治基础", "政治基础"],
    what: "国有企业是中国特色社会主义的重要物质基础和政治基础",
  },
  { file: "000", kind: "phrase", answer: "一点两地", what: "广东：做实“一点两地”全新定位" },
  { file: "000", kind: "phrase", answer: "事事心中有底", what: "广州：既要“时时放心不下”，又要“事事心中有底”" },

  // ==== 001: national government work report 2024
  { file: "001", kind: "target", answer: "5%左右", what: "2024年国内生产总值增长预期目标", cue: "国内生产总值" },
  { file: "001", kind: "target", answer: "1200万人以上", what: "2024年城镇新增就业目标" },
  { file: "001", kind: "target", answer: "5.5%左右", what: "2024年城镇调查失业率目标", cue: "失业率" },
  { file: "001", kind: "target", answer: "3%左右", what: "2024年居民消费价格涨幅目标", cue: "居民消费价格" },
  { file: "001", kind: "target", answer: "1.3万亿斤以上", what: "2024年粮食产量目标" },
  { file: "001", kind: "target", answer: "2.5%左右", what: "2024年单位国内生产总值能耗降低目标", cue: "能耗" },
  {
    file: "001",
    kind: "target",
    answer: "居民收入增长和经济增长同步",
    what: "2024年定性目标：居民收入增长和经济增长同步",
  },
  { file: "001", kind: "target", answer: "3%", what: "2024年赤字率拟按3%安排", cue: "赤字率" },
  { file: "001", kind: "target", answer: "4.06万亿元", what: "2024年赤字规模" },
  { file: "001", kind: "target", answer: "28.5万亿元", what: "2024年一般公共预算支出规模" },
  { file: "001", kind: "target", answer: "1万亿元", what: "超长期特别国债今年先发行1万亿元", cue: "特别国债" },
  { file: "001", kind: "target", answer: "3.9万亿元", what: "2024年地方政府专项债券" },
  { file: "001", kind: "target", answer: "7000亿元", what: "2024年中央预算内投资" },
  { file: "001", kind: "target", answer: "5.2%", what: "2023年国内生产总值增长", cue: "国内生产总值" },
  { file: "001", kind: "target", answer: "1244万人", what: "2023年城镇新增就业" },
  { file: "001", kind: "target", answer: "1.39万亿斤", what: "2023年粮食产量" },
  { file: "001", kind: "target", answer: "66.2%", what: "2023年常住人口城镇化率" },
  {
    file: "001",
    kind: "target",
    answer: ["30年", "三十年"],
    what: "启动第二轮土地承包到期后再延长30年整省试点",
    cue: "土地承包",
  },
  { file: "001", kind: "target", answer: "30元", what: "居民医保人均财政补助标准提高30元", cue: "医保" },
  { file: "001", kind: "phrase", answer: "先立后破", what: "坚持稳中求进、以进促稳、先立后破" },
  { file: "001", kind: "phrase", answer: "大局和基础", what: "稳是大局和基础" },
  { file: "001", kind: "phrase", answer: "适度加力、提质增效", what: "积极的财政政策要适度加力、提质增效" },
  { file: "001", kind: "phrase", answer: "灵活适度、精准有效", what: "稳健的货币政策要灵活适度、精准有效" },
  { file: "001", kind: "phrase", answer: "人工智能+", what: "开展“人工智能+”行动" },
  { file: "001", kind: "phrase", answer: "千村示范、万村整治", what: "学习运用“千村示范、万村整治”工程经验" },
  { file: "001", kind: "phrase", answer: "三个区分开来", what: "落实“三个区分开来”" },
  // ---- 001: Hunan government work report 2024 and Hunan meeting
  { file: "001", kind: "target", answer: "6%左右", what: "湖南2024年地区生产总值增长目标", cue: "地区生产总值" },
  { file: "001", kind: "target", answer: "7%", what: "湖南2024年规模工业增加值增长目标", cue: "规模工业增加值增长7%" },
  { file: "001", kind: "target", answer: "70万人", what: "湖南2024年城镇新增就业目标" },
  { file: "001", kind: "target", answer: "615亿斤左右", what: "湖南2024年粮食产量目标" },
  { file: "001", kind: "target", answer: "4.6%", what: "湖南2023年地区生产总值增长", cue: "地区生产总值" },
  { file: "001", kind: "target", answer: "613.6亿斤", what: "湖南2023年粮食总产" },
  { file: "001", kind: "phrase", answer: "三高四新", what: "锚定“三高四新”美好蓝图" },
  {
    file: "001",
    kind: "phrase",
    answer: [
      "八大行动",
      "产业培塑",
      "创新提升",
      "激发需求",
      "改革攻坚",
      "主体强身",
      "区域共进",
      "安全守底",
      "民生可感",
    ],
    what: "湖南“八大行动”",
  },
  { file: "001", kind: "phrase", answer: "十个统筹", what: "湖南：做好“十个统筹”" },
  { file: "001", kind: "phrase", answer: "4×4", what: "湖南“4×4”现代化产业体系" },
  { file: "001", kind: "phrase", answer: "3+5+3", what: "湖南：大力实施“3+5+3”标志性工程" },

  // ==== 001: 保守国家秘密法 (2024) — 第一章 总则
  L(
    "definition",
    ["在一定时间内只限一定范围的人员知悉", "只限一定范围的人员知悉"],
    "第二条：国家秘密是……在一定时间内只限一定范围的人员知悉的事项",
  ),
  L("body", "中央保密工作领导机构", "第三条：中央保密工作领导机构领导全国保密工作"),
  L("principle", "总体国家安全观", "第四条：保密工作坚持总体国家安全观"),
  L(
    "principle",
    ["党管保密", "依法管理", "积极防范", "突出重点", "技管并重", "创新发展"],
    "第四条：遵循党管保密、依法管理，积极防范、突出重点，技管并重、创新发展的原则",
    "原则",
  ),
  L(
    "object",
    ["一切国家机关和武装力量", "各政党和各人民团体", "企业事业组织和其他社会组织"],
    "第五条：有保密义务的主体",
    "保密的义务",
  ),
  L("body", "国家保密行政管理部门", "第六条：国家保密行政管理部门主管全国的保密工作", "主管全国"),
  L("body", "县级以上地方各级保密行政管理部门", "第六条：县级以上地方各级保密行政管理部门主管本行政区域的保密工作"),
  L("object", "保密工作责任制", "第八条：机关、单位应当实行保密工作责任制"),
  // 第二章 国家秘密的范围和密级
  L(
    "enumeration",
    [
      "国家事务重大决策中的秘密事项",
      "国防建设和武装力量活动中的秘密事项",
      "国民经济和社会发展中的秘密事项",
      "科学技术中的秘密事项",
      "维护国家安全活动和追查刑事犯罪中的秘密事项",
    ],
    "第十三条：应当确定为国家秘密的事项",
  ),
  L("classification", ["绝密、机密、秘密三级", "绝密、机密、秘密"], "第十四条：国家秘密的密级分为绝密、机密、秘密三级"),
  L(
    "definition",
    ["最重要的国家秘密", "特别严重的损害"],
    "第十四条：绝密级国家秘密是最重要的国家秘密，泄露会使国家安全和利益遭受特别严重的损害",
    "绝密",
  ),
  L("body", "中央军事委员会", "第十五条：军事方面的保密事项范围，由中央军事委员会规定", "军事方面"),
  L("principle", ["必要、合理原则", "必要、合理"], "第十五条：保密事项范围的确定应当遵循必要、合理原则"),
  L("body", "定密责任人", "第十六条：机关、单位主要负责人及其指定的人员为定密责任人"),
  L(
    "body",
    "机密级和秘密级",
    "第十七条：设区的市级机关及其授权的机关、单位可以确定机密级和秘密级国家秘密",
    "设区的市级",
  ),
  L("period", "三十年", "第二十条：绝密级保密期限除另有规定外不超过三十年", "绝密"),
  L("period", "二十年", "第二十条：机密级保密期限不超过二十年", "机密"),
  L("period", "十年", "第二十条：秘密级保密期限不超过十年", "秘密级"),
  L("consequence", "解密的条件", "第二十条：不能确定期限的，应当确定解密的条件"),
  L("principle", "最小范围", "第二十一条：国家秘密的知悉范围应当根据工作需要限定在最小范围"),
  L("period", "每年", "第二十四条：机关、单位应当每年审核所确定的国家秘密", "审核"),
  L("consequence", "自行解密", "第二十四条：国家秘密的保密期限已满的，自行解密"),
  // 第三章 保密制度
  L("prohibited", ["复制和摘抄", "不得复制和摘抄"], "第二十六条：绝密级国家秘密载体未经批准不得复制和摘抄"),
  L(
    "prohibited",
    [
      "买卖、转送或者私自销毁国家秘密载体",
      "通过普通邮政、快递等无保密措施的渠道传递国家秘密载体",
      "寄递、托运国家秘密载体出境",
      "非法获取、持有国家秘密载体",
    ],
    "第二十八条：国家秘密载体方面的禁止行为",
  ),
  L(
    "prohibited",
    ["私人交往和通信", "在私人交往和通信中涉及国家秘密"],
    "第二十九条：禁止在私人交往和通信中涉及国家秘密",
  ),
  L("classification", "分级保护", "第三十条：涉密信息系统按照涉密程度实行分级保护"),
  L(
    "principle",
    ["同步规划、同步建设、同步运行"],
    "第三十条：保密设施、设备应当与涉密信息系统同步规划、同步建设、同步运行",
  ),
  L(
    "prohibited",
    [
      "使用非涉密信息系统、非涉密信息设备存储或者处理国家秘密",
      "擅自卸载、修改涉密信息系统的安全技术程序、管理程序",
      "将涉密信息系统、涉密信息设备接入互联网及其他公共信息网络",
    ],
    "第三十一条：信息系统、信息设备方面的禁止行为",
  ),
  L("consequence", "立即停止传输该信息", "第三十四条：网络运营者发现信息涉嫌泄露国家秘密的，应当立即停止传输该信息"),
  L("definition", "保密要害部门", "第三十九条：涉及绝密级或者较多机密级、秘密级国家秘密的机构确定为保密要害部门"),
  L("object", "保密资质", "第四十一条：从事涉密业务的企业事业单位应当经过审查批准，取得保密资质"),
  L(
    "classification",
    ["核心涉密人员、重要涉密人员和一般涉密人员", "核心涉密人员", "重要涉密人员", "一般涉密人员"],
    "第四十三条：涉密人员按照涉密程度分为核心、重要、一般三类",
  ),
  L("period", "脱密期", "第四十六条：涉密人员离岗离职实行脱密期管理，脱密期内不得违反规定就业和出境"),
  L("consequence", "立即采取补救措施", "第四十七条：发现国家秘密已经泄露或者可能泄露时，应当立即采取补救措施"),
  // 第四章 监督管理
  L("consequence", "调离涉密岗位", "第五十一条：对严重违反国家保密规定的涉密人员，建议将其调离涉密岗位"),
  // 第五章 法律责任
  L("consequence", "没收违法所得", "第五十七条：有违法所得的，没收违法所得", "违法所得"),
  L("consequence", "吊销保密资质", "第六十条：取得保密资质的企业事业单位情节特别严重的，吊销保密资质"),
  L("consequence", "追究刑事责任", "第六十二条：违反本法规定，构成犯罪的，依法追究刑事责任"),
  // 第六章 附则 and dates
  L("definition", "工作秘密", "第六十四条：不属于国家秘密但泄露后会造成一定不利影响的事项，适用工作秘密管理办法"),
  L("date", "2024年5月1日", "第六十五条：本法自2024年5月1日起施行"),
  L("date", "2024年2月27日", "2024年2月27日十四届全国人大常委会第八次会议第二次修订"),
  L("date", "1988年9月5日", "1988年9月5日七届全国人大常委会第三次会议通过"),

  // ==== 002: Guangzhou news, April 2023
  { file: "002", kind: "phrase", answer: "领头羊、火车头", what: "聚焦“领头羊、火车头”目标要求" },
  { file: "002", kind: "phrase", answer: ["产业第一、制造业立市", "制造业立市"], what: "坚持产业第一、制造业立市" },
  { file: "002", kind: "target", answer: "过万亿", what: "广州2023年：确保全年投资过万亿" },
  { file: "002", kind: "phrase", answer: "国际消费中心城市", what: "围绕国际消费中心城市建设，做旺做热消费市场" },
  { file: "002", kind: "phrase", answer: "战略性制度安排", what: "巡视监督是全面从严治党的战略性制度安排" },
  {
    file: "002",
    kind: "phrase",
    answer: "党和国家监督体系的重要组成部分",
    what: "巡视监督是党和国家监督体系的重要组成部分",
  },
  {
    file: "002",
    kind: "phrase",
    answer: "边查边改、立行立改",
    what: "狠抓巡视整改落实和成果运用，做到边查边改、立行立改",
  },
  { file: "002", kind: "phrase", answer: "人防+技防", what: "形成完备的“人防+技防”消防安全保障系统" },

  // ==== 003: Changsha meeting on the 两会 (Traditional characters; answers in Simplified)
  { file: "003", kind: "phrase", answer: "三高四新", what: "长沙：为实现“三高四新”美好蓝图贡献省会力量" },
  { file: "003", kind: "phrase", answer: "首要任务", what: "长沙：牢牢把握高质量发展这个首要任务", cue: "高质量发展" },
  {
    file: "003",
    kind: "phrase",
    answer: "先进制造业",
    what: "长沙：加快构建以先进制造业为支撑的现代化产业体系",
    cue: "支撑",
  },
  { file: "003", kind: "phrase", answer: "两业共融", what: "先进制造业与现代服务业“两业共融”" },
  { file: "003", kind: "phrase", answer: "全球研发中心城市", what: "长沙：全力建设全球研发中心城市" },
  {
    file: "003",
    kind: "phrase",
    answer: ["人才第一资源", "科技第一生产力", "创新第一动力"],
    what: "坚持科技第一生产力、人才第一资源、创新第一动力",
  },
  { file: "003", kind: "target", answer: "全国重要增长极", what: "长沙：加快把长株潭都市圈打造成为全国重要增长极" },
  { file: "003", kind: "phrase", answer: "扩容下沉", what: "深化公共服务“扩容下沉”、均衡发展" },
  { file: "003", kind: "phrase", answer: "清廉长沙", what: "抓好“清廉长沙”建设" },
  { file: "003", kind: "phrase", answer: "两个年", what: "周海兵：深入推进“两个年”建设" },

  // ==== 004: theory-study compilation (24 articles) — CCDI communiqué and Xi's speeches
  { file: "004", kind: "phrase", answer: "九个以", what: "中纪委三次全会：推进自我革命“九个以”的实践要求" },
  { file: "004", kind: "phrase", answer: "第二个答案", what: "用好“第二个答案”" },
  { file: "004", kind: "phrase", answer: "四种形态", what: "规范运用“四种形态”" },
  { file: "004", kind: "phrase", answer: ["不敢腐、不能腐、不想腐", "不想腐"], what: "一体推进不敢腐、不能腐、不想腐" },
  { file: "004", kind: "phrase", answer: "枫桥经验", what: "政法工作：坚持和发展新时代“枫桥经验”" },
  { file: "004", kind: "phrase", answer: "政法工作现代化", what: "以政法工作现代化支撑和服务中国式现代化" },
  { file: "004", kind: "phrase", answer: "重要法宝", what: "统一战线是党克敌制胜、执政兴国的重要法宝" },
  { file: "004", kind: "phrase", answer: "大团结大联合", what: "统战工作的本质要求是大团结大联合" },
  { file: "004", kind: "phrase", answer: "最大同心圆", what: "找到最大公约数、画出最大同心圆" },
  { file: "004", kind: "phrase", answer: "根本宗旨", what: "坚持把金融服务实体经济作为根本宗旨" },
  { file: "004", kind: "phrase", answer: "永恒主题", what: "把防控风险作为金融工作的永恒主题" },
  {
    file: "004",
    kind: "phrase",
    answer: [
      "强大的货币",
      "强大的中央银行",
      "强大的金融机构",
      "强大的国际金融中心",
      "强大的金融监管",
      "强大的金融人才队伍",
    ],
    what: "金融强国的关键核心金融要素",
  },
  {
    file: "004",
    kind: "target",
    answer: ["81名", "81"],
    what: "“国家工程师奖”首次授予81名个人“国家卓越工程师”称号",
    cue: "工程师",
  },
  {
    file: "004",
    kind: "phrase",
    answer: "主线",
    what: "把铸牢中华民族共同体意识作为新时代党的民族工作的主线",
    cue: "铸牢中华民族共同体意识",
  },
  {
    file: "004",
    kind: "phrase",
    answer: ["命运与共", "休戚与共"],
    what: "休戚与共、荣辱与共、生死与共、命运与共的共同体理念",
  },
  {
    file: "004",
    kind: "phrase",
    answer: "前提和基础",
    what: "中华民族大团结是以中国式现代化全面推进中华民族伟大复兴的前提和基础",
  },
  { file: "004", kind: "phrase", answer: "硬道理", what: "高质量发展是新时代的硬道理" },
  {
    file: "004",
    kind: "phrase",
    answer: "内在要求和重要着力点",
    what: "发展新质生产力是推动高质量发展的内在要求和重要着力点",
  },
  { file: "004", kind: "phrase", answer: "先进生产力质态", what: "新质生产力是……符合新发展理念的先进生产力质态" },
  { file: "004", kind: "phrase", answer: ["全要素生产率大幅提升"], what: "新质生产力以全要素生产率大幅提升为核心标志" },
  { file: "004", kind: "phrase", answer: "绿色生产力", what: "新质生产力本身就是绿色生产力" },
  {
    file: "004",
    kind: "phrase",
    answer: "根本政治制度安排",
    what: "人民代表大会制度是坚持党的领导、人民当家作主、依法治国有机统一的根本政治制度安排",
  },
  { file: "004", kind: "phrase", answer: "全过程人民民主", what: "提出全过程人民民主的重大理念" },
  {
    file: "004",
    kind: "phrase",
    answer: ["重实践", "学思想", "强党性", "建新功"],
    what: "主题教育总要求：学思想、强党性、重实践、建新功",
  },
  {
    file: "004",
    kind: "phrase",
    answer: "基础之策",
    what: "中央深改委第四次会议：促进经济社会发展全面绿色转型是解决资源环境生态问题的基础之策",
  },
  {
    file: "004",
    kind: "phrase",
    answer: ["降碳、减污、扩绿、增长"],
    what: "以“双碳”工作为引领，协同推进降碳、减污、扩绿、增长",
  },
  {
    file: "004",
    kind: "phrase",
    answer: "消费品以旧换新",
    what: "中央财经委第四次会议：大规模设备更新和消费品以旧换新",
  },
  { file: "004", kind: "phrase", answer: "加快产品更新换代", what: "加快产品更新换代是推动高质量发展的重要举措" },
  // ---- 004: Inner Mongolia (政协, 人大, government work report)
  { file: "004", kind: "target", answer: "6%以上", what: "内蒙古2024年地区生产总值增长目标", cue: "地区生产总值" },
  { file: "004", kind: "target", answer: "7%左右", what: "内蒙古2024年规上工业增加值增长目标", cue: "规上工业" },
  { file: "004", kind: "target", answer: "15%左右", what: "内蒙古2024年固定资产投资增长目标" },
  { file: "004", kind: "target", answer: "18万人以上", what: "内蒙古2024年城镇新增就业目标" },
  { file: "004", kind: "target", answer: "6%左右", what: "内蒙古2024年城镇调查失业率目标", cue: "失业率" },
  { file: "004", kind: "target", answer: "7.3%", what: "内蒙古2023年地区生产总值增长", cue: "地区生产总值" },
  { file: "004", kind: "target", answer: "12.2亿吨", what: "内蒙古2023年煤炭产量" },
  { file: "004", kind: "target", answer: ["10个全国第一", "10个全国第1"], what: "能源领域创下“10个全国第一”" },
  {
    file: "004",
    kind: "target",
    answer: ["5500亿元", "不低于5500亿元"],
    what: "内蒙古2024年力争引进到位资金不低于5500亿元",
  },
  { file: "004", kind: "phrase", answer: "五大任务", what: "内蒙古：完成好五大任务" },
  {
    file: "004",
    kind: "phrase",
    answer: ["六个工程", "温暖工程", "政策落地工程", "诚信建设工程", "防沙治沙和风电光伏一体化工程"],
    what: "自治区党委“六个工程”",
  },
  { file: "004", kind: "phrase", answer: "七个作模范", what: "在“七个作模范”上体现担当作为" },
  {
    file: "004",
    kind: "phrase",
    answer: "实体经济",
    what: "建设现代化内蒙古，根基在实体经济，关键在科技创新，方向是产业升级",
    cue: "根基",
  },
  { file: "004", kind: "phrase", answer: "蒙古马精神", what: "大力弘扬蒙古马精神" },
];

const corpus = contentCorpus;

/** `needle` inside `hay` with no digit glued to it where it starts or ends with a digit. */
function containsAtBoundary(hay: string, needle: string): boolean {
  if (!needle) return false;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1] ?? "";
    const after = hay[i + needle.length] ?? "";
    if (/^\d/.test(needle) && /\d/.test(before)) continue;
    if (/\d$/.test(needle) && /\d/.test(after)) continue;
    return true;
  }
  return false;
}

const alternatives = (f: AuditFact): string[] => (Array.isArray(f.answer) ? f.answer : [f.answer]);

function asks(q: Question, items: string[], fact: AuditFact, files: Set<string>): boolean {
  if (!files.has(fact.file)) return false;
  if (fact.cue && !q.stem.includes(fact.cue) && !q.source.quote.includes(fact.cue)) return false;
  if (q.format === "truefalse") return false;
  const answers = [...q.answer, ...items].map((a) => normalizeAnswer(a.replace(/^“|”$/g, "")));
  const wanted = alternatives(fact).map(normalizeAnswer);
  return wanted.some((w) => answers.some((a) => a === w || containsAtBoundary(a, w)));
}

export function coverage(bank: Bank, facts: AuditFact[]): { share: number; missed: AuditFact[] } {
  const kps = new Map(bank.knowledgePoints.map((k) => [k.id, k]));
  const missed: AuditFact[] = [];
  for (const fact of facts) {
    const hit = bank.questions.some((q) => {
      const kp = kps.get(q.knowledgePoint);
      const files = new Set(
        [q.source.document, ...(kp?.sources.map((s) => s.document) ?? [])].map((d) => d.slice(0, 3)),
      );
      const items =
        kp && kp.factType === "enumeration" && (q.format === "multiple" || q.format === "single")
          ? kp.items
          : // A fill-in with a blank per item asks the whole list (核心密码、普通密码和商用密码).
            kp && q.format === "fill" && blankCount(q.stem) > 1
            ? [kp.answer]
            : [];
      return asks(q, items, fact, files);
    });
    if (!hit) missed.push(fact);
  }
  return { share: facts.length ? 1 - missed.length / facts.length : 1, missed };
}

/** The overall share the bank must reach: a floor (measured share rounded down to 0.05), never lowered to pass. */
const REQUIRED = 0.7;
/** The same floor per kind of fact. */
const REQUIRED_BY_KIND: Record<FactKind, number> = { law: 0.75, phrase: 0.6, target: 0.9 };

describe("coverage of an examiner's facts", () => {
  const docs = corpus();
  const bank = generateBank(docs);
  const { share, missed } = coverage(bank, AUDIT_FACTS);
  const missedSet = new Set(missed);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const shareOf = (facts: AuditFact[]) =>
    facts.length ? facts.filter((f) => !missedSet.has(f)).length / facts.length : 1;
  const kinds: FactKind[] = ["law", "phrase", "target"];
  const roles: LawRole[] = [
    "definition",
    "classification",
    "principle",
    "object",
    "prohibited",
    "body",
    "period",
    "consequence",
    "date",
    "enumeration",
  ];

  it("spreads the audit over all five files and holds at least 140 facts", () => {
    const files = new Set(AUDIT_FACTS.map((f) => f.file));
    expect(files.size).toBe(5);
    expect(AUDIT_FACTS.length).toBeGreaterThanOrEqual(140);
    const law = AUDIT_FACTS.filter((f) => f.kind === "law");
    expect(law.length).toBeGreaterThanOrEqual(35);
    expect(law.every((f) => f.role)).toBe(true);
    expect(new Set(law.map((f) => f.role)).size).toBe(roles.length);
  });

  it("takes every answer from its own file's text", () => {
    const textOf = new Map<string, string>();
    for (const d of docs) {
      const k = d.source.file.slice(0, 3);
      textOf.set(k, (textOf.get(k) ?? "") + "\n" + normalizeAnswer(d.text));
    }
    const absent = AUDIT_FACTS.filter(
      (f) => !alternatives(f).some((a) => (textOf.get(f.file) ?? "").includes(normalizeAnswer(a))),
    );
    expect(absent.map((f) => `${f.file} ${alternatives(f)[0]}`)).toEqual([]);
  });

  it(`asks at least ${Math.round(REQUIRED * 100)}% of the facts, and each kind its own floor`, () => {
    const perFile = ["000", "001", "002", "003", "004"].map((file) => {
      const facts = AUDIT_FACTS.filter((f) => f.file === file);
      return `${file} ${pct(shareOf(facts))} of ${facts.length}`;
    });
    const perKind = kinds.map((k) => {
      const facts = AUDIT_FACTS.filter((f) => f.kind === k);
      return `${k} ${pct(shareOf(facts))} (${facts.length - facts.filter((f) => missedSet.has(f)).length}/${facts.length})`;
    });
    const perRole = roles.map((r) => {
      const facts = AUDIT_FACTS.filter((f) => f.role === r);
      return `${r} ${pct(shareOf(facts))} of ${facts.length}`;
    });
    const lines = missed.map(
      (f) => `  ${f.file} ${f.kind}${f.role ? `/${f.role}` : ""} ${alternatives(f)[0]} — ${f.what}`,
    );
    console.log(
      [
        `coverage ${pct(share)} (${AUDIT_FACTS.length - missed.length}/${AUDIT_FACTS.length})`,
        `by kind: ${perKind.join("; ")}`,
        `law by role: ${perRole.join("; ")}`,
        `by file: ${perFile.join("; ")}`,
        `missed:`,
        ...lines,
      ].join("\n"),
    );
    expect(share).toBeGreaterThanOrEqual(REQUIRED);
    for (const k of kinds)
      expect(shareOf(AUDIT_FACTS.filter((f) => f.kind === k)), `share of ${k} facts`).toBeGreaterThanOrEqual(
        REQUIRED_BY_KIND[k],
      );
  });
});
