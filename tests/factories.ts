// Builders for test and demo data, shared by tests and seed scripts.
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/db.server";

export const DEFAULT_PASSWORD = "correct-horse-battery";

export function uniqueUsername(prefix = "user"): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

export async function createUser({
  username = uniqueUsername(),
  password = DEFAULT_PASSWORD,
  role = "learner",
  displayName,
}: { username?: string; password?: string; role?: "learner" | "admin"; displayName?: string } = {}) {
  const user = await prisma.user.create({
    data: { username, displayName: displayName ?? username, role, passwordHash: await hashPassword(password) },
    select: { id: true, username: true, displayName: true, role: true },
  });
  return { ...user, password };
}

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** A document with one passage, as an import would store it. */
export async function createDocument({
  title = `测试文档${next()}`,
  text = "测试段落。",
}: { title?: string; text?: string } = {}) {
  const key = `test--${next()}`;
  await prisma.sourceFile.upsert({
    where: { name: "test.txt" },
    create: { name: "test.txt", contentHash: "test" },
    update: {},
  });
  return prisma.document.create({
    data: {
      key,
      sourceFileName: "test.txt",
      ordinal: sequence,
      title,
      kind: "news",
      startLine: 1,
      endLine: 2,
      text,
      rawText: `${title}\n${text}`,
      contentHash: key,
      importHash: key,
      passages: {
        create: { key: `${key}:0`, ordinal: 0, path: [], text, rawText: text, startLine: 2, endLine: 2, textHash: key },
      },
    },
    include: { passages: true },
  });
}

type Format = "single" | "multiple" | "truefalse" | "fill";

const SAMPLE: Record<Format, { stem: string; options: string[]; answer: string[] }> = {
  single: {
    stem: "国内生产总值增长的预期目标是（ ）。",
    options: ["5%左右", "4.5%左右", "5.5%左右", "6%左右"],
    answer: ["5%左右"],
  },
  multiple: {
    stem: "下列属于国家秘密密级的有（ ）。",
    options: ["绝密", "机密", "秘密", "商业秘密"],
    answer: ["绝密", "机密", "秘密"],
  },
  truefalse: { stem: "城镇新增就业1000万人以上。", options: ["正确", "错误"], answer: ["错误"] },
  fill: { stem: "机密级国家秘密的保密期限不超过____。", options: [], answer: ["二十年", "20年"] },
};

/**
 * A knowledge point with one approved question per requested format, in a published set
 * (created, or the one given) so that learners study it.
 */
export async function createKnowledgePoint({
  document,
  formats = ["single"],
  setId,
  subject = `考点${next()}`,
}: {
  document?: Awaited<ReturnType<typeof createDocument>>;
  formats?: Format[];
  setId?: string;
  subject?: string;
} = {}) {
  const doc = document ?? (await createDocument());
  const passage = doc.passages[0]!;
  const point = await prisma.knowledgePoint.create({
    data: {
      fingerprint: `fp-${next()}`,
      kind: "target",
      documentId: doc.id,
      passageKey: passage.key,
      quote: passage.text,
      answer: SAMPLE[formats[0]!].answer[0]!,
      subject,
      data: {},
    },
  });
  const questions = [];
  for (const format of formats) {
    const sample = SAMPLE[format];
    questions.push(
      await prisma.question.create({
        data: {
          key: `${point.fingerprint}:${format}`,
          knowledgePointId: point.id,
          format,
          stem: `${subject}：${sample.stem}`,
          options: sample.options,
          answer: sample.answer,
          explanation: `出处：${doc.title}`,
          sourcePath: [],
          sourceQuote: passage.text,
          status: "approved",
          score: 0.9,
          generatorVersion: "test",
        },
      }),
    );
  }
  const set =
    setId ??
    (
      await prisma.questionSet.create({
        data: { title: `题集${next()}`, status: "published", publishedAt: new Date() },
      })
    ).id;
  const position = await prisma.setItem.count({ where: { setId: set } });
  await prisma.setItem.createMany({
    data: questions.map((q, i) => ({ setId: set, questionId: q.id, position: position + i })),
  });
  return { point, questions, setId: set, document: doc };
}
