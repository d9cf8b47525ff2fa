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
