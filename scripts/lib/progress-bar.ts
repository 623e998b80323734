// A one-line progress bar for the CLIs: redrawn in place on a terminal, a line every 10 % otherwise.
export function progressBar(
  total: number,
  { width = 24, out = process.stderr }: { width?: number; out?: NodeJS.WriteStream } = {},
) {
  const tty = out.isTTY === true;
  let lastTenth = -1;
  return {
    update(done: number, label = "") {
      const share = total === 0 ? 1 : Math.min(1, done / total);
      const filled = Math.round(share * width);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${Math.floor(share * 100)}% ${label}`;
      if (tty) out.write(`\r${line.slice(0, (out.columns ?? 100) - 1).padEnd(Math.min(out.columns ?? 100, 100) - 1)}`);
      else if (Math.floor(share * 10) !== lastTenth || done === total) {
        lastTenth = Math.floor(share * 10);
        out.write(`${line}\n`);
      }
    },
    end() {
      if (tty) out.write("\n");
    },
  };
}
