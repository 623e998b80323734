/** The Chinese message when a request to a form page is no form (JSON, text, a broken body). */
export const UNREADABLE_FORM = "请求格式不正确，请通过页面上的表单提交。";

/**
 * The posted form, or null when the request is not one a form sends: `request.formData()` throws
 * on JSON or a malformed body, which would otherwise end as a 500.
 */
export async function readForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
