import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const cookie = await endSession(request, { everywhere: form.get("scope") === "everywhere" });
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
