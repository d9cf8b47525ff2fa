// Reports the environment it sees (names only), so a test can check no credential reaches it.
throw new Error(`environment: ${Object.keys(process.env).sort().join(",")}`);
