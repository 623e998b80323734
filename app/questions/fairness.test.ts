/**
 * What examiners refused in samples of statute questions (fairness.ts), checked on sentences of real
 * statutes and on the bank of six statutes the generator was not written on.
 */
import { describe, expect, it } from "vitest";
import { generateBank } from "./bank";
import { DEV_STATUTES, contentCorpus } from "./content-corpus";
import { lawSubject, mixedOptionKinds, stemRepeatsAnswer, unfairStatuteBlank } from "./fairness";

const ask = (answer: string, quote: string, format: "fill" | "single" = "fill", lawTitle = "中华人民共和国示例法") =>
  unfairStatuteBlank(answer, quote.replace(answer, "____"), {
    format,
    lawTitle,
    lawText: quote,
    kind: "other",
    quote,
    at: quote.indexOf(answer),
  });

describe("an examiner's refusals", () => {
  it("refuses what the law's title names (泄露____案件 in 保守…秘密法) and a stock adverb before the stem's own verb", () => {
    const title = "中华人民共和国保守示范秘密法";
    expect(ask("示范秘密案件", "机关、单位发生重大泄露示范秘密案件的，依法给予处分。", "fill", title)).toBe(
      "answer-in-title",
    );
    expect(ask("依法公开", "法律、行政法规规定公开的事项，应当依法公开。")).toBe("answer-echo");
  });

  it("refuses a long name its abbreviation follows (____（以下简称机关、单位）)", () => {
    expect(
      ask("国家机关和涉及示范事项的单位", "国家机关和涉及示范事项的单位（以下简称机关、单位）管理本单位的示范工作。"),
    ).toBe("answer-in-stem");
  });

  it("refuses the commendation clause every law shares, and an indirect question to retype", () => {
    expect(ask("示范工作中做出突出贡献", "对在示范工作中做出突出贡献的单位和个人，按照国家有关规定给予表彰。")).toBe(
      "stock",
    );
    expect(
      ask(
        "有关物品是否属于危险品、属于何种等级",
        "需要对有关物品是否属于危险品、属于何种等级进行鉴定的，由主管部门鉴定。",
      ),
    ).toBe("fill-too-long");
  });

  it("refuses a key that only adds a word to what the stem already says", () => {
    expect(
      stemRepeatsAnswer(
        "气象灾害风险信息",
        "国家建立气象灾害风险评估机制，有关部门应当收集____，并及时通报气象灾害风险。",
        "",
      ),
    ).toBe(true);
  });

  it("refuses a blank that is a clause cut anywhere: a preposition's phrase, a second verb with its object, 除…外", () => {
    expect(
      ask("行为向有关行政部门检举、控告", "任何单位和个人都有权对违反本条例规定的行为向有关行政部门检举、控告。"),
    ).toBe("blank-edge");
    expect(ask("协调下级主管部门推进相关工作", "省级主管部门建立联络机制，统筹协调下级主管部门推进相关工作。")).toBe(
      "blank-edge",
    );
    expect(ask("遵守本条例外", "涉及商业秘密的，除应当遵守本条例外，还应当遵守有关法律的规定。")).toBe("blank-edge");
    expect(ask("监督检查中", "主管部门在监督检查中，发现存在安全隐患的，应当责令整改。")).toBe("blank-edge");
    // A noun phrase holding a preposition (…对…工作的领导) or standing before 的 is a phrase.
    expect(ask("中国共产党对气象工作的领导", "坚持中国共产党对气象工作的领导。")).toBeNull();
    expect(ask("公开工作与秘密工作相结合", "统计调查工作坚持公开工作与秘密工作相结合的原则。")).toBeNull();
  });

  it("refuses a system named by the law's subject and words any law uses (…安全管理制度), not one with a word of its own", () => {
    const law = "中华人民共和国气象数据法";
    expect(ask("气象数据安全管理制度", "各级气象机构应当建立健全气象数据安全管理制度。", "fill", law)).toBe("generic");
    expect(ask("气象数据工作机制", "国家建立健全气象数据工作机制。", "fill", law)).toBe("generic");
    expect(ask("气象数据分类分级保护制度", "国家实行气象数据分类分级保护制度。", "fill", law)).toBeNull();
  });

  it("refuses a blank that ends on a connective or on the 时 of a condition", () => {
    expect(
      ask("紧急状态、战争状态或者", "需要进入紧急状态、战争状态或者进行全国总动员、局部动员的，由国务院决定。"),
    ).toBe("blank-edge");
    expect(
      ask("限制公民权利和自由的特别措施时", "在国家安全工作中，需要采取限制公民权利和自由的特别措施时，应当依法进行。"),
    ).toBe("blank-edge");
    // 及时 and 和谐 are words, not connectives.
    expect(ask("及时归还或者恢复原状", "任务完成后应当及时归还或者恢复原状，并依照规定支付相应费用。")).toBeNull();
  });

  it("refuses stock legal wording and answers too long to reproduce", () => {
    expect(ask("予以配合", "网络运营者对网信部门和有关部门依法实施的监督检查，应当予以配合。")).toBe("stock");
    expect(ask("合法权益", "损害中华人民共和国国家安全、公共利益或者公民、组织合法权益的，依法追究法律责任。")).toBe(
      "stock",
    );
    expect(ask("定期", "（二）定期组织关键信息基础设施的运营者进行网络安全应急演练。")).toBe("stock");
    // Any sanction clause ends 依法予以处罚: the word is no fact of this law.
    expect(ask("处罚", "违反本条规定的，由有关主管部门按照各自职责分工依法予以处罚。")).toBe("generic");
    expect(
      ask(
        "网络安全宣传教育",
        "大众传播媒介应当有针对性地面向社会进行网络安全宣传教育。",
        "fill",
        "中华人民共和国网络安全法",
      ),
    ).toBe("answer-in-title");
    expect(
      ask("职责中知悉的商业秘密和个人隐私严格保密", "并对其在履行职责中知悉的商业秘密和个人隐私严格保密，不得泄露。"),
    ).not.toBeNull();
    // A body's full name may be long: it is what the article asks.
    expect(
      ask("全国人民代表大会常务委员会", "全国人民代表大会常务委员会依照宪法规定，决定战争状态的宣布。"),
    ).toBeNull();
  });

  it("refuses an answer the stem repeats, unless the law uses the words throughout", () => {
    const quote =
      "网络运营者应当制定网络安全事件应急预案，及时处置系统漏洞等安全风险；在发生危害网络安全的事件时，立即启动应急预案。";
    expect(stemRepeatsAnswer("网络安全事件应急预案", quote.replace("网络安全事件应急预案", "____"), quote)).toBe(true);
    expect(
      stemRepeatsAnswer(
        "删除或者更正",
        "有权要求网络运营者予以删除；有权要求予以更正。网络运营者应当采取措施予以____。",
      ),
    ).toBe(true);
    const vocabulary = "国家安全".repeat(20);
    expect(stemRepeatsAnswer("中央国家安全领导机构", "____负责国家安全工作的决策和议事协调。", vocabulary)).toBe(false);
    // A number is what the blank asks: 少于二十五年 beside 多于二十五年 gives nothing away.
    expect(stemRepeatsAnswer("少于二十五年", "可以____向社会开放；多于二十五年向社会开放。")).toBe(false);
  });

  it("refuses a blank that runs into a second predicate, ends on filler or cuts a list's last act", () => {
    expect(
      ask("安全审查意见并监督执行", "中央国家机关各部门依法作出国家安全审查决定或者提出安全审查意见并监督执行。"),
    ).toBe("blank-edge");
    expect(ask("国家安全工作需要", "国家根据维护国家安全工作需要，建立跨部门会商工作机制。")).toBe("blank-edge");
    // 非法 is the first word of 非法获取: the list's fourth act is cut in two.
    expect(
      ask("篡改、破坏、泄露或者非法", "一旦遭到篡改、破坏、泄露或者非法获取、非法利用，对国家安全造成危害。"),
    ).toBe("blank-split");
    expect(ask("国家和社会", "对国家和社会具有重要保存价值或者应当保密的，档案所有者应当妥善保管。")).toBe("generic");
    // 私分 is tagged a noun, but it is the third act of the list: the list is whole.
    expect(ask("截留、挪用、私分储备物资", "任何单位和个人不得截留、挪用、私分储备物资。")).toBeNull();
    expect(
      ask("保护的关键信息基础设施", "要求使用商用密码进行保护的关键信息基础设施，其运营者应当使用商用密码进行保护。"),
    ).toBe("blank-edge");
  });

  it("refuses what every law says of itself", () => {
    expect(ask("力度", "国家加大人身保护和安置保障力度。")).toBe("generic");
    expect(ask("维护国家安全的能力", "国家加强宣传教育，增强全民维护国家安全的能力。")).toBe("generic");
    expect(ask("机关、团体、企业事业单位和其他组织", "机关、团体、企业事业单位和其他组织应当确定档案机构。")).toBe(
      "stock",
    );
  });

  it("refuses generic nouns, open lists and lists cut inside a word", () => {
    expect(ask("能力", "国家加强安全保障能力建设。")).toBe("generic");
    expect(ask("个人和组织的合法权益", "国家情报工作应当依法进行，尊重和保障人权，维护个人和组织的合法权益。")).toBe(
      "generic",
    );
    expect(ask("系统漏洞、计算机病毒、网络攻击", "及时处置系统漏洞、计算机病毒、网络攻击等安全风险。")).toBe(
      "open-list",
    );
    expect(ask("主权、统一和领土", "维护国家主权、统一和领土完整是全中国人民的共同义务。")).toBe("blank-split");
    expect(ask("应对措施", "发现重大问题、风险隐患的，应当立即采取应对措施，并及时报告。")).toBe("generic");
  });

  it("refuses what the chapter heading names, but not the actor a chapter is about", () => {
    const headed = (answer: string, quote: string, heading: string) =>
      unfairStatuteBlank(answer, quote.replace(answer, "____"), {
        format: "fill",
        lawTitle: "中华人民共和国示例法",
        lawText: quote,
        kind: "other",
        quote,
        at: quote.indexOf(answer),
        headings: [heading],
      });
    expect(headed("档案安全保护", "各级档案馆应当加强档案安全保护，完善相关制度。", "第三章 档案安全保护与利用")).toBe(
      "answer-in-heading",
    );
    expect(headed("国家情报工作机构", "国家情报工作机构依法开展情报工作。", "第二章 国家情报工作机构职权")).toBeNull();
    // The light verb before the heading's words adds nothing to them.
    expect(
      headed(
        "加强档案信息化建设",
        "各级档案馆应当加强档案信息化建设，并采取措施保障档案信息安全。",
        "第五章 档案信息化建设",
      ),
    ).toBe("answer-in-heading");
  });

  it("keeps a single choice's options of the key's kind", () => {
    expect(mixedOptionKinds("网络运营者", ["网络运营者", "网络安全事件", "安全风险", "从业人员"])).toBe(true);
    expect(mixedOptionKinds("网络运营者", ["网络运营者", "服务提供者", "有关主管部门", "从业人员"])).toBe(false);
    expect(
      mixedOptionKinds("防范、制止和惩治", [
        "防范、制止和惩治",
        "方式、手段和渠道",
        "支持、协助和配合",
        "机关、组织和个人",
      ]),
    ).toBe(true);
  });

  it("leaves the law's default actor to a single choice among its actors", () => {
    const quote = "网络运营者应当为公安机关、国家安全机关依法维护国家安全和侦查犯罪的活动提供技术支持和协助。";
    const lawText = "网络运营者".repeat(25);
    const of = (format: "fill" | "single") =>
      unfairStatuteBlank("网络运营者", quote.replace("网络运营者", "____"), {
        format,
        lawTitle: "中华人民共和国示例法",
        lawText,
        kind: "other",
        quote,
        at: 0,
      });
    expect(of("fill")).toBe("default-actor");
    expect(of("single")).toBeNull();
  });

  it("refuses the term a law is named after", () => {
    expect(lawSubject("中华人民共和国密码法")).toBe("密码");
    expect(
      ask(
        "密码",
        "本法所称密码，是指采用特定变换的方法对信息等进行加密保护、安全认证的技术、产品和服务。",
        "fill",
        "中华人民共和国密码法",
      ),
    ).toBe("answer-in-title");
  });
});

describe("the bank of statutes it was not written on", () => {
  const bank = generateBank(contentCorpus(DEV_STATUTES));
  const blanks = bank.questions.filter((q) => q.kind === "provision" && q.format === "fill");

  it("asks no sanction without the conduct it punishes", () => {
    for (const q of bank.questions.filter((x) => x.kind === "provision")) {
      expect(q.stem.replace(/^根据[^，]*，/, ""), q.stem).not.toMatch(/^(?:尚不构成犯罪|对直接负责的主管人员)/);
    }
  });

  it("judges no duty copied word for word as 正确, and swaps a government for a government", () => {
    const judged = bank.questions.filter((q) => q.kind === "provision" && q.format === "truefalse");
    expect(judged.some((q) => q.stem.includes("不得有危害国家安全的行为") && q.answer[0] === "正确")).toBe(false);
    // 省级以上人民政府 drawing up its own plan: no false statement gives the duty to a body that has no such plan.
    const plan = judged.filter((q) => q.stem.includes("应当将数字经济发展纳入本级国民经济和社会发展规划"));
    for (const q of plan) expect(q.stem).toMatch(/(?:人民政府|国务院)应当将数字经济/);
  });

  it("never falsifies a duty by weakening 应当 to 可以: a learner reads the permission as still true", () => {
    for (const q of bank.questions.filter((x) => x.kind === "provision" && x.format === "truefalse")) {
      const said = q.source.quote.replace(/[。；]$/, "");
      if (q.answer[0] === "错误" && said.includes("应当"))
        expect(q.stem.includes(said.replace("应当", "可以")), q.stem).toBe(false);
    }
  });

  it("offers no sanction as a wrong option that the article imposes in other words", () => {
    const choices = bank.questions.filter((q) => q.kind === "provision" && q.format === "single");
    for (const q of choices.filter((x) => x.source.quote.includes("没收违法产品和违法所得")))
      expect(q.options, q.stem).not.toContain("没收违法所得");
  });

  it("asks no rule without whom it binds, and keeps the subject a modal clause leans on", () => {
    // A 判断 states the whole sentence (its 应当 may be the word changed); blanks and choices are the cut stems.
    for (const q of bank.questions.filter((x) => x.kind === "provision" && x.format !== "truefalse")) {
      expect(q.stem.replace(/^根据[^，]*第[一二三四五六七八九十百零]+条，/, ""), q.stem).not.toMatch(
        // 开展数据处理活动，应当…: a rule on whoever carries on an activity is bound to them.
        /^(?:由|应当|可以|不得|必须|开展(?![^，。；]{2,30}?(?:活动|业务)的?，?(?:应当|不得|必须|可以)))/,
      );
    }
    const opening = bank.questions.find((q) => q.format === "fill" && q.answer[0] === "二十五年");
    expect(opening?.stem).toContain("县级以上各级档案馆的档案，应当自形成之日起满____向社会开放");
  });

  it("asks a statute's 多选 with two wrong options, or one of the items' own kind, and never a near-synonym", () => {
    const multiple = bank.questions.filter((q) => q.kind === "provision" && q.format === "multiple");
    expect(multiple.length).toBeGreaterThan(10);
    for (const q of multiple) {
      const wrong = q.options.filter((o) => !q.answer.includes(o));
      expect(wrong.length, q.stem).toBeGreaterThanOrEqual(1);
      for (const w of wrong)
        for (const k of q.answer) {
          // 防止 among 防范、制止、惩治; 处理 among 监测、防御、处置: a quibble, not a foil.
          const near = w.length === k.length && w.length <= 2 && [...w].some((ch, i) => k[i] === ch);
          expect(near, `${w} / ${k} in ${q.stem}`).toBe(false);
        }
    }
  });

  it("asks no fill-in that ends on a connective, is stock wording or runs past 18 characters", () => {
    expect(blanks.length).toBeGreaterThan(300);
    for (const q of blanks) {
      const a = q.answer[0] ?? "";
      expect(a, q.stem).not.toMatch(/(?:或者|以及)$/);
      expect(a, q.stem).not.toMatch(/^(?:予以配合|合法权益|定期|及时上报|违反本法)$/);
      if (!a.includes("、")) expect(a.length, q.stem).toBeLessThanOrEqual(18);
    }
  });
});
