from .mask_agreement import MaskAgreement  # noqa: F401
from .metrics import *  # noqa: F401,F403
