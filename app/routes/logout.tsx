import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/auth/form.server";
import { endSession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const cookie = await endSession(request, { everywhere: form?.get("scope") === "everywhere" });
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
