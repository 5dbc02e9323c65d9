from .metrics import *  # noqa: F401,F403
from .generation_table import (generation_table,  # noqa: F401
                               run_generation_table)
from .preference_study import tally_answers, write_study  # noqa: F401
from .recognition_table import accuracy_table, read_accuracies  # noqa: F401
from .segmentation_table import read_scenario_results, scenario_table  # noqa: F401
