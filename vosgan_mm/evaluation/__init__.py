from .flow_accuracy import (end_point_error, flow_agreement,
                            flow_pairs_per_second, sprite_clips)
from .generation_table import generation_table, run_generation_table
from .metrics import *  # noqa: F401,F403
from .preference_study import (generator_batches, real_clip_batches,
                               tally_answers, write_study)
from .recognition_table import accuracy_table, read_accuracies
from .segmentation_table import read_scenario_results, scenario_table

__all__ = [
    'accuracy_table', 'end_point_error', 'flow_agreement',
    'flow_pairs_per_second', 'generation_table', 'generator_batches',
    'read_accuracies', 'real_clip_batches', 'read_scenario_results',
    'run_generation_table', 'scenario_table', 'sprite_clips', 'tally_answers',
    'write_study'
]
