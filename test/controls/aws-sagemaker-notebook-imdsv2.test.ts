import control from "../../catalog/controls/aws-sagemaker-notebook-imdsv2";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];
const imds = (v: unknown) => nb({ instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: v } });

edgeCases(control, [
    { name: '"2" passes', resources: imds("2"), expect: ["pass"] },
    { name: "the number 2 passes", resources: imds(2), expect: ["pass"] },
    { name: "absent block fails: the default 1 accepts IMDSv1", resources: nb({}), expect: ["fail"], message: /default "1"/, evidence: "1" },
    { name: "an empty block fails", resources: nb({ instanceMetadataServiceConfiguration: {} }), expect: ["fail"] },
    { name: 'explicit "1" fails', resources: imds("1"), expect: ["fail"], evidence: "1" },
    { name: "a computed version is not verifiable", resources: imds(UNKNOWN), expect: ["unknown"] },
    { name: "a computed block is not verifiable", resources: nb({ instanceMetadataServiceConfiguration: UNKNOWN }), expect: ["unknown"] },
    { name: "an object value fails without throwing", resources: imds({ v: 2 }), expect: ["fail"] },
    { name: "a one-element list (Terraform block shape) reads like an object", resources: nb({ instanceMetadataServiceConfiguration: [{ minimumInstanceMetadataServiceVersion: "2" }] }), expect: ["pass"] },
]);

const notebook = (body: string) => `resource "aws_sagemaker_notebook_instance" "nb" {
  name          = "nb"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/r"
${body}
}
`;

terraformCases(control, [
    { name: "absent block points at the resource header", files: { "main.tf": notebook("") }, expect: ["fail"], failsAt: "resource" },
    {
        name: "an absent attribute points at the block that should hold it",
        files: { "main.tf": notebook("  instance_metadata_service_configuration {\n  }") },
        expect: ["fail"],
        failsAt: "instance_metadata_service_configuration",
    },
    {
        name: "an unresolved variable is not verifiable",
        files: { "main.tf": `variable "v" {}\n` + notebook("  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = var.v\n  }") },
        expect: ["unknown"],
    },
    {
        name: "a variable default of 1 fails at the attribute",
        files: { "main.tf": `variable "v" {\n  default = "1"\n}\n` + notebook("  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = var.v\n  }") },
        expect: ["fail"],
        failsAt: "minimum_instance_metadata_service_version",
    },
    {
        name: "a dynamic block with a literal value is read",
        files: {
            "main.tf": notebook('  dynamic "instance_metadata_service_configuration" {\n    for_each = ["2"]\n    content {\n      minimum_instance_metadata_service_version = instance_metadata_service_configuration.value\n    }\n  }'),
        },
        expect: ["pass"],
    },
    {
        name: "count gives one result per instance",
        files: { "main.tf": notebook('  count = 2\n  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = count.index == 0 ? "2" : "1"\n  }') },
        expect: ["pass", "fail"],
    },
    {
        name: "a module input decides the value",
        files: {
            "main.tf": 'module "nb" {\n  source = "./nb"\n  imds   = "1"\n}\n',
            "nb/main.tf": 'variable "imds" {}\n' + notebook("  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = var.imds\n  }"),
        },
        expect: ["fail"],
    },
]);
