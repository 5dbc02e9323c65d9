from .metrics import *  # noqa: F401,F403
from .segmentation_table import read_scenario_results, scenario_table  # noqa: F401
