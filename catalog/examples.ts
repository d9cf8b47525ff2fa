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

/**
 * The Terraform of a VPC with one private ML subnet (its own route table, no internet route), which
 * the good examples of the network-joining AWS controls start from.
 */
export const PRIVATE_ML_SUBNET_TF = `resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "ml_private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_route_table" "ml_private" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route_table_association" "ml_private_a" {
  subnet_id      = aws_subnet.ml_private_a.id
  route_table_id = aws_route_table.ml_private.id
}
`;
