/** Whether to draw a progress bar: only on an interactive stderr, never in CI, never when quiet. */
export function shouldShowProgress(input: { isTTY: boolean; env: Readonly<Record<string, string | undefined>>; quiet: boolean; flag?: boolean }): boolean {
    if (input.flag === false || input.quiet || !input.isTTY) return false;
    const env = input.env;
    if (env.CI || env.GITHUB_ACTIONS || env.GITLAB_CI || env.PRE_COMMIT || env.TERM === "dumb") return false;
    return true;
}

export interface Progress {
    update(done: number, total: number): void;
    stop(): void;
}

/**
 * A single-line bar on stderr, drawn only once a scan has taken 400 ms (short scans never flicker)
 * and at most every 80 ms; `stop` erases it.
 */
export function createProgress(stream: { write(text: string): unknown; columns?: number }, now: () => number = Date.now): Progress {
    const started = now();
    let last = 0;
    let drawn = false;
    return {
        update(done, total) {
            const t = now();
            if (t - started < 400 || t - last < 80 || total <= 0) return;
            last = t;
            const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 40));
            const filled = Math.round((done / total) * width);
            stream.write(`\r\u001b[K mlguard ${"█".repeat(filled)}${"░".repeat(width - filled)} ${done}/${total} files`);
            drawn = true;
        },
        stop() {
            if (drawn) stream.write("\r\u001b[K");
            drawn = false;
        },
    };
}
