data "aws_caller_identity" "current" {}

resource "aws_iam_role" "sagemaker" {
  name = "ml-notebooks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
      # Only SageMaker acting for this account (confused-deputy protection).
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}

# Notebooks read training data and write model artifacts, nothing else.
resource "aws_iam_policy" "notebooks" {
  name = "ml-notebooks"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadTrainingData"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = ["arn:aws:s3:::acme-ml-training-data", "arn:aws:s3:::acme-ml-training-data/*"]
      },
      {
        Sid      = "WriteModelArtifacts"
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "arn:aws:s3:::acme-ml-model-artifacts/*"
      },
    ]
  })
}

# The pipeline may pass only the SageMaker execution role, and only to SageMaker.
data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "StartTraining"
    actions   = ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"]
    resources = ["arn:aws:sagemaker:${var.region}:${var.account_id}:training-job/*"]
  }

  statement {
    sid       = "PassExecutionRole"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::${var.account_id}:role/ml-notebooks"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "pipeline" {
  name   = "ml-pipeline"
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_iam_role_policy_attachment" "notebooks" {
  role       = aws_iam_role.sagemaker.name
  policy_arn = aws_iam_policy.notebooks.arn
}
