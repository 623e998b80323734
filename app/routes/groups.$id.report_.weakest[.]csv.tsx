import { csvLoader } from "~/groups/csv-route.server";

// A resource route: no component, so the browser downloads the attachment.
export const loader = csvLoader("weakest");
