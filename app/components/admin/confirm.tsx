import { Form, useNavigation } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
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
      <summary className={`${buttonClass(variant, "sm")} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>
        {label}
      </summary>
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
          <button
            type="submit"
            disabled={pending}
            className={buttonClass(variant === "danger" ? "danger" : "primary", "sm")}
          >
            {pending ? "请稍候…" : confirmLabel}
          </button>
        </Form>
      </div>
    </details>
  );
}

type FetcherLike = { Form: typeof Form; state: "idle" | "loading" | "submitting" };

/**
 * A consequential one-click action behind a modal confirmation, the pattern of the review queue's
 * "全部拒绝": the button opens a <dialog> that says what will happen; only its confirm button posts
 * the hidden fields (through `fetcher` when given, else a normal form). Cancel or Esc changes nothing.
 */
export function ConfirmDialog({
  label,
  ariaLabel,
  triggerClassName,
  title,
  children,
  confirmLabel,
  fields,
  tone = "danger",
  disabled = false,
  fetcher,
}: {
  label: ReactNode;
  ariaLabel?: string;
  triggerClassName: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Hidden fields; a name may repeat (e.g. several flag ids). */
  fields: readonly (readonly [string, string])[];
  tone?: "danger" | "primary";
  disabled?: boolean;
  fetcher?: FetcherLike;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const navigation = useNavigation();
  const FormComponent = fetcher?.Form ?? Form;
  const pending = fetcher ? fetcher.state !== "idle" : navigation.state === "submitting";
  return (
    <>
      <button
        type="button"
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
        className={triggerClassName}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl p-0 text-left shadow-xl backdrop:bg-stone-900/40"
      >
        <FormComponent
          method="post"
          preventScrollReset
          className="space-y-4 p-6"
          onSubmit={() => dialog.current?.close()}
        >
          <h2 id={titleId} className="text-lg font-semibold text-stone-900">
            {title}
          </h2>
          <div className="text-sm font-normal leading-6 text-stone-600">{children}</div>
          {fields.map(([name, value], index) => (
            <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
          ))}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-lg border border-stone-300 px-4 py-2 text-sm font-medium text-stone-700 hover:bg-stone-50"
            >
              取消
            </button>
            <button
              type="submit"
              disabled={pending}
              className={`rounded-lg px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${tone === "danger" ? "bg-red-600 hover:bg-red-700" : "bg-brand-600 hover:bg-brand-700"}`}
            >
              {pending ? "正在处理…" : confirmLabel}
            </button>
          </div>
        </FormComponent>
      </dialog>
    </>
  );
}
