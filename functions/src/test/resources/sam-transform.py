"""Prints the CloudFormation that the SAM transform makes of a template (what `sam deploy` would submit).

Uses samtranslator, which cfn-lint installs with itself, and cfn-lint's own YAML reader for the short-form
tags. The AWS::LanguageExtensions transform is left out (nothing it does is asserted on) and CodeUri points at
a placeholder object, as `sam package` would after uploading.
"""
import json
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform

template, errors = decode(sys.argv[1])
if errors:
    sys.exit("cannot read %s: %s" % (sys.argv[1], errors))
template["Transform"] = "AWS::Serverless-2016-10-31"
template["Globals"]["Function"]["CodeUri"] = "s3://placeholder-bucket/functions.jar"


class NoManagedPolicies:
    def load(self):
        return {}


json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, default=str)
