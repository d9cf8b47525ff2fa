/**
 * Markers used inside example properties (see `ExampleResource`). The Pulumi examples test turns a
 * `ref` into what `pulumi preview` sends (an unknown value plus a `propertyDependencies` entry) and
 * the docs generator into `name.attribute`.
 */
export interface RefMarker {
    $ref: { name: string; attribute: string };
}

export interface ComputedMarker {
    $computed: true;
}

/** A value taken from another example resource, e.g. `ref("key", "arn")`. */
export function ref(name: string, attribute = "id"): RefMarker {
    return { $ref: { name, attribute } };
}

/** A value computed at deployment that no other example resource provides. */
export function computed(): ComputedMarker {
    return { $computed: true };
}

export function isRef(value: unknown): value is RefMarker {
    return typeof value === "object" && value !== null && "$ref" in value;
}

export function isComputed(value: unknown): value is ComputedMarker {
    return typeof value === "object" && value !== null && "$computed" in value;
}
