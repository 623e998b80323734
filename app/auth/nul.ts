/**
 * A NUL in a multipart part's headers (a file named `a\0b.txt`) cannot be stored by PostgreSQL: the
 * HTTP layer (scripts/lib/http-guards.ts, multipartNameFix) fails the form's stream with this error,
 * and the upload routes answer 400 with the message below instead of a generic unreadable form.
 */
export const NUL_IN_PART_HEADER = "NUL in a multipart header";
export const NUL_IN_FILE_NAME_MESSAGE = "文件名中含有无效字符（\\0），请重命名文件后再上传。";

export function isNulInPartHeader(error: unknown): boolean {
  return error instanceof Error && error.message === NUL_IN_PART_HEADER;
}
