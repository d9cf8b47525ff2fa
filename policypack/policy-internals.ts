/**
 * Runtime pieces of `@pulumi/policy` 1.21 that its published typings mark `@internal`: the unknown
 * sentinels, the proxy markers and `UnknownValueError` (exported since 1.21.0 so that packs and their
 * test helpers can mirror the server's semantics). Typed here once.
 */
export interface PolicyProxyModule {
    unknownStringValue: string;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
    isSpecialProxy: string;
    getSpecialProxyTarget: string;
    unknownCheckingProxy<T>(props: T): T;
    UnknownValueError: new (sentinel: string, path: string[]) => Error;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const policyProxy = require("@pulumi/policy/proxy") as PolicyProxyModule;

interface PolicyDeserializeModule {
    deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const policyDeserialize = require("@pulumi/policy/deserialize") as PolicyDeserializeModule;
let deserializationShared = false;

/**
 * The policy server deserializes a resource's properties once per policy: for AnalyzeStack, every
 * resource of the stack once per stack policy, which with dozens of stack policies costs more than
 * the checks themselves. The server looks the function up on its module at each call, so this
 * replaces it, once per process, with one that deserializes each protobuf Struct once (a request
 * keeps the same Struct objects for the whole call; a new request brings new ones, and the cache
 * holds them weakly). Only the read-only path is shared (`proxySecrets` false: Analyze and
 * AnalyzeStack); remediation writes into what it gets, so it keeps a copy of its own.
 */
export function shareDeserializedProperties(): void {
    if (deserializationShared) return;
    deserializationShared = true;
    const original = policyDeserialize.deserializeProperties;
    const cache = new WeakMap<object, Record<string, unknown>>();
    policyDeserialize.deserializeProperties = (struct: object, proxySecrets: boolean) => {
        if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
        let props = cache.get(struct);
        if (props === undefined) {
            props = original(struct, false);
            cache.set(struct, props);
        }
        return props;
    };
}
