import { useState, type InputHTMLAttributes } from "react";
import { buttonClass } from "./ui";

/**
 * A file input with a Chinese button and the chosen names beside it: the native control speaks the
 * browser's language ("Choose Files"), not the page's.
 */
export function FilePicker({
  id,
  label,
  onFiles,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; onFiles?: (files: File[]) => void }) {
  const [names, setNames] = useState<string[]>([]);
  return (
    <div className="flex min-w-0 flex-1 items-center gap-3">
      <input
        {...input}
        id={id}
        type="file"
        className="peer sr-only"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          setNames(files.map((f) => f.name));
          onFiles?.(files);
        }}
      />
      <label
        htmlFor={id}
        className={`${buttonClass("secondary")} cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-brand-100`}
      >
        {label}
      </label>
      <span className="min-w-0 truncate text-sm text-stone-600" aria-live="polite">
        {names.length === 0
          ? "未选择文件"
          : names.length === 1
            ? names[0]
            : `已选择 ${names.length} 个文件：${names.join("、")}`}
      </span>
    </div>
  );
}
