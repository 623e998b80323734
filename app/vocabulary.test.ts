import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DOCUMENT_KINDS as CONTENT_DOCUMENT_KINDS } from "~/content";
import {
  DocumentKind,
  FlagSource,
  ImportStatus,
  KnowledgeKind,
  QuestionFormat,
  QuestionStatus,
  SetStatus,
} from "~/generated/prisma/enums";
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  documentKindLabel,
  FLAG_SOURCE_LABELS,
  FLAG_SOURCES,
  IMPORT_SOURCES,
  IMPORT_STATUS_LABELS,
  IMPORT_STATUSES,
  importSourceLabel,
  KNOWLEDGE_KIND_LABELS,
  KNOWLEDGE_KINDS,
  QUESTION_FORMAT_LABELS,
  QUESTION_FORMAT_SHORT_LABELS,
  QUESTION_FORMATS,
  QUESTION_STATUS_LABELS,
  QUESTION_STATUSES,
  SET_STATUS_LABELS,
  SET_STATUSES,
} from "./vocabulary";

const sorted = (values: Iterable<string>) => [...values].sort();

describe("the vocabulary", () => {
  it("lists exactly the values of the Prisma enums", () => {
    expect(sorted(KNOWLEDGE_KINDS)).toEqual(sorted(Object.values(KnowledgeKind)));
    expect(sorted(FLAG_SOURCES)).toEqual(sorted(Object.values(FlagSource)));
    expect(sorted(Object.keys(FLAG_SOURCE_LABELS))).toEqual(sorted(FLAG_SOURCES));
    expect(sorted(QUESTION_FORMATS)).toEqual(sorted(Object.values(QuestionFormat)));
    expect(sorted(QUESTION_STATUSES)).toEqual(sorted(Object.values(QuestionStatus)));
    expect(sorted(SET_STATUSES)).toEqual(sorted(Object.values(SetStatus)));
    expect(sorted(IMPORT_STATUSES)).toEqual(sorted(Object.values(ImportStatus)));
    // The database spells work-report work_report (an enum member cannot hold "-").
    expect(sorted(DOCUMENT_KINDS.map((k) => k.replace("-", "_")))).toEqual(sorted(Object.values(DocumentKind)));
    expect(sorted(DOCUMENT_KINDS)).toEqual(sorted(CONTENT_DOCUMENT_KINDS));
  });

  it("labels every value once, with distinct labels", () => {
    const tables: [readonly string[], Record<string, string>][] = [
      [KNOWLEDGE_KINDS, KNOWLEDGE_KIND_LABELS],
      [QUESTION_FORMATS, QUESTION_FORMAT_LABELS],
      [QUESTION_FORMATS, QUESTION_FORMAT_SHORT_LABELS],
      [QUESTION_STATUSES, QUESTION_STATUS_LABELS],
      [SET_STATUSES, SET_STATUS_LABELS],
      [DOCUMENT_KINDS, DOCUMENT_KIND_LABELS],
      [IMPORT_STATUSES, IMPORT_STATUS_LABELS],
    ];
    for (const [values, labels] of tables) {
      expect(sorted(Object.keys(labels))).toEqual(sorted(values));
      expect(Object.values(labels).every((l) => /^[\u4e00-\u9fff]{2,4}$/.test(l))).toBe(true);
      expect(new Set(Object.values(labels)).size).toBe(values.length);
    }
  });

  it("calls a question awaiting review 待审核 and a set not yet published 草稿", () => {
    expect(QUESTION_STATUS_LABELS.draft).toBe("待审核");
    expect(SET_STATUS_LABELS.draft).toBe("草稿");
    expect(documentKindLabel("work_report")).toBe("工作报告");
    expect(documentKindLabel("work-report")).toBe("工作报告");
  });

  it("names import sources in Chinese, never as their stored value", () => {
    expect(IMPORT_SOURCES.map(importSourceLabel)).toEqual(["上传", "启动时导入", "命令行导入"]);
    expect(importSourceLabel("something-new")).toBe("something-new");
  });

  it("is the only label table in app/ (no hand copies)", () => {
    const root = fileURLToPath(new URL(".", import.meta.url));
    // A label table is an object literal mapping an enum value to its label.
    const copies = [
      ...Object.entries(KNOWLEDGE_KIND_LABELS),
      ...Object.entries(QUESTION_FORMAT_LABELS),
      ...Object.entries(QUESTION_FORMAT_SHORT_LABELS),
      ...Object.entries(QUESTION_STATUS_LABELS),
      ...Object.entries(SET_STATUS_LABELS),
      ...Object.entries(DOCUMENT_KIND_LABELS),
      ...Object.entries(IMPORT_STATUS_LABELS),
    ].map(([value, label]) => new RegExp(`(?:^|[{,\\s])"?${value}"?\\s*:\\s*(?:\\{\\s*label:\\s*)?"${label}"`));
    // app/questions/sample.ts belongs to the generator, which is being rewritten: it moves there.
    const allowed = new Set(["vocabulary.ts", path.join("questions", "sample.ts")]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        const rel = path.relative(root, full);
        if (statSync(full).isDirectory()) {
          if (name !== "generated") walk(full);
        } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !allowed.has(rel)) {
          const text = readFileSync(full, "utf8");
          if (copies.some((re) => re.test(text))) offenders.push(rel);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
