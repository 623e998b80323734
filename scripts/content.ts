/**
 * Content CLI. Thin: argument parsing and file IO; all logic lives in app/content.
 *
 *   npx tsx scripts/content.ts export --input content --out /tmp/content.json
 *
 * New commands (import, sample, …) are added as cases of the switch in main().
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseFiles, type ParseFilesResult } from "../app/content/index";
import { generatorInput } from "../app/documents/generator-input";
import { generateBank, sampleMarkdown, type Bank } from "../app/questions/index";
import { CONTENT_DIR, generateQuestions, importDirectory, readContentDirectory } from "./lib/content-files";
import { openDatabase } from "./lib/database";
import { UserFacingError, runCli } from "./lib/user-facing-error";

const USAGE = `用法：
  npm run content -- export --input <目录> --out <文件.json>
  npm run content -- import [--input <目录>]
  npm run content -- sample [--n 40] [--seed xueer] [--input <目录>]

命令：
  export   读取目录中的 *.txt / *.md（以及可选的 manifest.yaml），解析为文档、段落、考点与题目，写出 JSON（不访问数据库）
  sample   随机抽取 n 道生成的题目（同一 seed 结果相同），以 Markdown 输出供人工审阅
  import   导入数据库（DATABASE_URL，未设置时使用内置 PostgreSQL）；默认目录 content/，未改动的文件自动跳过`;

type Flags = Record<string, string | true>;

function parseArgs(argv: string[]): { command: string | undefined; flags: Flags } {
  const [command, ...rest] = argv;
  const flags: Flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("--")) throw new UserFacingError(`无法识别的参数：${arg}`);
    const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (inline !== undefined) flags[key] = inline;
    else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith("--")) flags[key] = rest[++i]!;
    else flags[key] = true;
  }
  return { command, flags };
}

function requireString(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v === "") throw new UserFacingError(`缺少参数 --${name}\n\n${USAGE}`);
  return v;
}

/** The export format: enough for review and for another tool to import; passages carry text and path. */
export function toExport(result: ParseFilesResult, bank: Bank) {
  return {
    documents: result.documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      date: d.date,
      region: d.region,
      origin: d.origin,
      source: d.source,
      contentHash: d.contentHash,
      passages: d.passages.map((p) => ({
        id: p.id,
        path: p.path,
        text: p.text,
        startLine: p.startLine,
        endLine: p.endLine,
        boilerplate: p.boilerplate,
        textHash: p.textHash,
        ...(p.law ? { law: p.law } : {}),
        ...(p.flags ? { flags: p.flags } : {}),
      })),
    })),
    knowledgePoints: bank.knowledgePoints.map((kp) => ({
      id: kp.id,
      kind: kp.kind,
      quote: kp.quote,
      document: kp.document,
      passage: kp.passage,
      answer: kp.answer,
      subject: kp.subject,
      fingerprint: kp.fingerprint,
      sources: kp.sources,
    })),
    questions: bank.questions.map((q) => ({
      id: q.id,
      knowledgePoint: q.knowledgePoint,
      kind: q.kind,
      format: q.format,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
      source: { document: q.source.document, passage: q.source.passage, path: q.source.path, quote: q.source.quote },
      score: q.score,
      generatorVersion: q.generatorVersion,
    })),
    rejected: result.rejected,
    manifestErrors: result.manifestErrors,
    duplicateGroups: result.duplicateGroups,
  };
}

async function exportCommand(flags: Flags): Promise<void> {
  const input = resolve(requireString(flags, "input"));
  const out = resolve(requireString(flags, "out"));
  const { files, manifestText } = await readContentDirectory(input);
  if (files.length === 0) throw new UserFacingError(`目录中没有 .txt 或 .md 文件：${input}`);

  const result = parseFiles(files, manifestText);
  for (const r of result.files) {
    if (r.ok) {
      const passages = r.documents.reduce((n, d) => n + d.passages.length, 0);
      console.log(
        `✓ ${r.file}：${r.documents.length} 篇文档，${passages} 个段落（${r.encoding}${r.traditional ? "，繁体已转换" : ""}）`,
      );
    } else {
      console.log(`✗ ${r.file}：${r.reason}`);
    }
  }
  for (const e of result.manifestErrors) console.log(`! manifest.yaml：${e}`);

  mkdirSync(dirname(out), { recursive: true });
  const bank = generateBank(result.documents.map(generatorInput));
  writeFileSync(out, `${JSON.stringify(toExport(result, bank), null, 2)}\n`);
  const passages = result.documents.reduce((n, d) => n + d.passages.length, 0);
  console.log(
    `共 ${files.length} 个文件：${result.documents.length} 篇文档，${passages} 个段落，${bank.knowledgePoints.length} 个考点，${bank.questions.length} 道题，${result.rejected.length} 个文件被拒绝 → ${out}`,
  );
}

async function sampleCommand(flags: Flags): Promise<void> {
  const input = typeof flags.input === "string" ? resolve(flags.input) : CONTENT_DIR;
  const n = typeof flags.n === "string" ? Number(flags.n) : 40;
  if (!Number.isInteger(n) || n < 1) throw new UserFacingError("--n 必须是正整数");
  const seed = typeof flags.seed === "string" ? flags.seed : "xueer";
  const { files, manifestText } = await readContentDirectory(input);
  const bank = generateBank(parseFiles(files, manifestText).documents.map(generatorInput));
  console.log(sampleMarkdown(bank, { n, seed }));
}

async function importCommand(flags: Flags): Promise<void> {
  const input = typeof flags.input === "string" ? resolve(flags.input) : CONTENT_DIR;
  const database = await openDatabase({ log: (line) => console.log(line) });
  try {
    process.env.DATABASE_URL = database.url;
    const summary = await importDirectory(input, (line) => console.log(line));
    await generateQuestions((line) => console.log(line), { demo: database.embedded });
    const { disconnectDatabase } = await import("../app/db.server");
    await disconnectDatabase();
    if (summary.files.some((f) => f.status === "failed")) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

runCli(async () => {
  const { command, flags } = parseArgs(process.argv.slice(2));
  switch (command) {
    case "export":
      return exportCommand(flags);
    case "import":
      return importCommand(flags);
    case "sample":
      return sampleCommand(flags);
    case "help":
    case "--help":
      console.log(USAGE);
      return;
    default:
      throw new UserFacingError(command ? `未知命令：${command}\n\n${USAGE}` : USAGE);
  }
});
