/** The process surface commands use, so tests can run them in-process. */
export interface OutputStream {
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
}

export interface Io {
    stdout: OutputStream;
    stderr: OutputStream;
    env: Readonly<Record<string, string | undefined>>;
    cwd: string;
}
