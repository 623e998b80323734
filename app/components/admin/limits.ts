// Limits the pages tell the administrator about before submitting and the server enforces.
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 20;
