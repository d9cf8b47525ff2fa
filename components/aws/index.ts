export * from "./ml-private-network";
export * from "./ml-kms-key";
export * from "./locked-ml-bucket";
export * from "./sagemaker-execution-role";
export * from "./model-image-repository";
export * from "./secure-notebook-instance";
export * from "./secure-studio-domain";
export * from "./secure-model-endpoint";
