// A program that never finishes: mlguard preview stops it at --timeout.
export = () => new Promise<void>(() => setInterval(() => undefined, 1000));
