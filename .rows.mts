import { readFileSync } from "node:fs";
import { pageBlocks, mapRadicals, type Run } from "/work/wt/d/app/documents/pdf.server.ts";
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2]!)), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
const page = await doc.getPage(+(process.argv[3] ?? 1));
const tc = await page.getTextContent();
const runs: Run[] = tc.items.filter((i: any) => "str" in i).map((i: any) => ({ str: mapRadicals(i.str), x: i.transform[4], y: i.transform[5], w: i.width, size: Math.hypot(i.transform[2], i.transform[3]) }));
for (const b of pageBlocks(runs)) { console.log("BLOCK", b.left.toFixed(1), b.right.toFixed(1)); for (const r of b.rows) console.log(r.x0.toFixed(1), r.x1.toFixed(1), r.y.toFixed(1), r.size, r.text.slice(0, 30), "…", r.text.slice(-6)); }
