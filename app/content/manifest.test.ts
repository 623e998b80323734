import { describe, expect, it } from "vitest";
import { overridesForDocument, overridesForFile, parseManifest } from "./manifest";

describe("parseManifest", () => {
  it("accepts file entries with or without a `files:` wrapper", () => {
    const a = parseManifest("a.txt:\n  date: 2024-03-13\n  region: 长沙\n");
    const b = parseManifest("files:\n  a.txt:\n    date: 2024-03-13\n    region: 长沙\n");
    expect(a).toEqual({ ok: true, manifest: { files: { "a.txt": { date: "2024-03-13", region: "长沙" } } } });
    expect(b).toEqual(a);
  });

  it("treats an empty manifest as no overrides", () => {
    expect(parseManifest("")).toEqual({ ok: true, manifest: { files: {} } });
    expect(parseManifest("# only a comment\n")).toEqual({ ok: true, manifest: { files: {} } });
  });

  it("allows null to clear an inferred date or region", () => {
    const r = parseManifest("a.txt:\n  date: null\n  region: null\n");
    expect(r.ok && r.manifest.files["a.txt"]).toEqual({ date: null, region: null });
  });

  it("reports invalid fields in Chinese with their location", () => {
    const r = parseManifest("a.txt:\n  date: 2024/3/13\n  kind: essay\n  colour: red\n  documents:\n    某标题:\n      title: ''\n");
    expect(r).toEqual({
      ok: false,
      errors: [
        "a.txt.date：日期格式应为 YYYY-MM-DD",
        "a.txt.kind：应为 work-report / law / communique / speech / news / meeting 之一",
        "a.txt：未知字段 colour",
        "a.txt.documents.某标题.title：不能为空",
      ],
    });
  });

  it("reports YAML syntax errors", () => {
    const r = parseManifest("a.txt: [unclosed\n");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^manifest\.yaml 无法解析/);
  });
});

describe("override lookup", () => {
  const parsed = parseManifest(
    "files:\n  003_x.txt:\n    kind: meeting\n    documents:\n      吴桂英在长沙市:\n        date: 2024-03-13\n      003_x--abcdef12:\n        region: 长沙\n",
  );
  const manifest = parsed.ok ? parsed.manifest : undefined;

  it("finds a file by exact name or by name without extension", () => {
    expect(overridesForFile(manifest, "content/003_x.txt")?.kind).toBe("meeting");
    const stemOnly = parseManifest("003_x:\n  kind: news\n");
    expect(overridesForFile(stemOnly.ok ? stemOnly.manifest : undefined, "003_x.txt")?.kind).toBe("news");
    expect(overridesForFile(manifest, "other.txt")).toBeUndefined();
  });

  it("finds a document by title prefix or id", () => {
    const file = overridesForFile(manifest, "003_x.txt");
    expect(overridesForDocument(file, { id: "003_x--00000000", title: "吴桂英在长沙市传达学习全国两会精神会议上强调" })).toEqual({
      date: "2024-03-13",
    });
    expect(overridesForDocument(file, { id: "003_x--abcdef12", title: "别的标题" })).toEqual({ region: "长沙" });
    expect(overridesForDocument(file, { id: "003_x--99999999", title: "别的标题" })).toBeUndefined();
  });
});
