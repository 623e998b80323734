// react-dom ships the web-streams renderer as `react-dom/server.browser`; @types/react-dom only
// declares it under `react-dom/server`. app/entry.server.tsx uses it on Node (see why there).
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
