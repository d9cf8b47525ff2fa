/**
 * Privilege-escalation paths: action sets that, held together by one principal, let it raise its
 * own privileges. Each entry is named and cites where it was documented; matching goes through
 * `grantsAction`, so wildcards (`iam:Put*`, `iam:*`, `*`) and `NotAction` count. An `iam:PassRole`
 * part counts only when it is not scoped to specific roles.
 */
export interface EscalationPath {
    /** Stable short id, shown in findings. */
    id: string;
    /** What the principal does with the set. */
    description: string;
    /** Every action needed (case-insensitive); one alternative of `anyOf` is needed too when set. */
    actions: string[];
    anyOf?: string[];
    source: string;
}

const RHINO = "Rhino Security Labs, \"AWS IAM Privilege Escalation – Methods and Mitigation\" (2018)";
const SAGEMAKER = "AWS SageMaker execution-role research (Rhino Security Labs part 2; SageMaker Developer Guide, \"Pass roles\")";

export const ESCALATION_PATHS: readonly EscalationPath[] = [
    { id: "create-policy-version", description: "writes a new default version of a policy it holds", actions: ["iam:CreatePolicyVersion"], source: RHINO },
    { id: "set-default-policy-version", description: "switches a policy it holds to a more permissive version", actions: ["iam:SetDefaultPolicyVersion"], source: RHINO },
    { id: "attach-policy", description: "attaches any managed policy (AdministratorAccess) to a principal", actions: [], anyOf: ["iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy"], source: RHINO },
    { id: "put-inline-policy", description: "writes an inline policy granting anything", actions: [], anyOf: ["iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy"], source: RHINO },
    { id: "create-access-key", description: "creates access keys for another user", actions: ["iam:CreateAccessKey"], source: RHINO },
    { id: "login-profile", description: "sets a console password for another user", actions: [], anyOf: ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"], source: RHINO },
    { id: "update-assume-role-policy", description: "rewrites a role's trust policy and assumes the role", actions: ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], source: RHINO },
    { id: "add-user-to-group", description: "adds itself to a more privileged group", actions: ["iam:AddUserToGroup"], source: RHINO },
    { id: "passrole-lambda", description: "runs code as any role through a new Lambda function", actions: ["iam:PassRole", "lambda:CreateFunction"], anyOf: ["lambda:InvokeFunction", "lambda:CreateEventSourceMapping"], source: RHINO },
    { id: "lambda-update-code", description: "replaces the code of a function that runs as a more privileged role", actions: ["lambda:UpdateFunctionCode"], source: RHINO },
    { id: "passrole-ec2", description: "starts an instance with any role and reads its credentials", actions: ["iam:PassRole", "ec2:RunInstances"], source: RHINO },
    { id: "passrole-cloudformation", description: "creates a stack that acts as any role", actions: ["iam:PassRole", "cloudformation:CreateStack"], source: RHINO },
    { id: "passrole-glue", description: "creates a Glue development endpoint with any role", actions: ["iam:PassRole", "glue:CreateDevEndpoint"], source: RHINO },
    { id: "passrole-datapipeline", description: "runs a Data Pipeline as any role", actions: ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], source: RHINO },
    { id: "passrole-codebuild", description: "runs a CodeBuild project as any role", actions: ["iam:PassRole", "codebuild:CreateProject"], anyOf: ["codebuild:StartBuild", "codebuild:StartBuildBatch"], source: RHINO },
    {
        id: "passrole-sagemaker-notebook",
        description: "creates a notebook instance with any role and opens it",
        actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
        source: SAGEMAKER,
    },
    { id: "passrole-sagemaker-training", description: "runs a training job as any role", actions: ["iam:PassRole", "sagemaker:CreateTrainingJob"], source: SAGEMAKER },
    { id: "passrole-sagemaker-processing", description: "runs a processing job as any role", actions: ["iam:PassRole", "sagemaker:CreateProcessingJob"], source: SAGEMAKER },
    { id: "passrole-sagemaker-tuning", description: "runs a hyper-parameter tuning job as any role", actions: ["iam:PassRole", "sagemaker:CreateHyperParameterTuningJob"], source: SAGEMAKER },
    {
        id: "sagemaker-lifecycle-config",
        description: "injects a start-up script into an existing notebook, which runs as the notebook's role",
        actions: ["sagemaker:UpdateNotebookInstanceLifecycleConfig"],
        anyOf: ["sagemaker:StartNotebookInstance", "sagemaker:StopNotebookInstance"],
        source: SAGEMAKER,
    },
];
