// The import worker's entry: worker threads start from plain JavaScript, so this loads the
// TypeScript worker through tsx (a dependency of the app; npm start runs under it anyway).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
