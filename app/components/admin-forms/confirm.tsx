import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { buttonClass } from "./ui";

/**
 * A destructive action behind a second click: the first opens an explanation and the real button.
 * Built on <details>, so it works before hydration and needs no dialog.
 */
export function ConfirmAction({
  label,
  confirmLabel,
  intent,
  fields = {},
  pending = false,
  children,
  variant = "danger",
}: {
  label: string;
  confirmLabel: string;
  intent: string;
  fields?: Record<string, string>;
  pending?: boolean;
  children: ReactNode;
  variant?: "danger" | "secondary";
}) {
  return (
    <details className="group relative">
      <summary className={`${buttonClass(variant, "sm")} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>{label}</summary>
      <div className="fixed inset-x-3 bottom-3 z-20 rounded-lg border border-stone-200 bg-white p-3 text-left text-sm shadow-lg sm:absolute sm:inset-x-auto sm:bottom-auto sm:right-0 sm:z-10 sm:mt-1 sm:w-72">
        <div className="text-stone-700">{children}</div>
        <Form
          method="post"
          preventScrollReset
          className="mt-3 flex justify-end gap-2"
          // The popover closes once submitted, so it does not linger over the result.
          onSubmit={(event) => {
            const details = event.currentTarget.closest("details");
            if (details) details.open = false;
          }}
        >
          <input type="hidden" name="intent" value={intent} />
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" disabled={pending} className={buttonClass(variant === "danger" ? "danger" : "primary", "sm")}>
            {pending ? "请稍候…" : confirmLabel}
          </button>
        </Form>
      </div>
    </details>
  );
}
