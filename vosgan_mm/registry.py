"""Registries of vosgan_mm.

Every registry is a child of the matching MMAction2 registry, so a config
with ``default_scope='vosgan_mm'`` can build our components and all of
MMAction2's and MMEngine's (transforms, recognizers, hooks, loops...), and
MMAction2 can reach ours as ``vosgan_mm.<Name>``.
"""
from mmaction.registry import DATA_SAMPLERS as MMACTION_DATA_SAMPLERS
from mmaction.registry import DATASETS as MMACTION_DATASETS
from mmaction.registry import EVALUATOR as MMACTION_EVALUATOR
from mmaction.registry import FUNCTION as MMACTION_FUNCTION
from mmaction.registry import HOOKS as MMACTION_HOOKS
from mmaction.registry import LOG_PROCESSORS as MMACTION_LOG_PROCESSORS
from mmaction.registry import LOOPS as MMACTION_LOOPS
from mmaction.registry import METRICS as MMACTION_METRICS
from mmaction.registry import MODEL_WRAPPERS as MMACTION_MODEL_WRAPPERS
from mmaction.registry import MODELS as MMACTION_MODELS
from mmaction.registry import \
    OPTIM_WRAPPER_CONSTRUCTORS as MMACTION_OPTIM_WRAPPER_CONSTRUCTORS
from mmaction.registry import OPTIM_WRAPPERS as MMACTION_OPTIM_WRAPPERS
from mmaction.registry import OPTIMIZERS as MMACTION_OPTIMIZERS
from mmaction.registry import PARAM_SCHEDULERS as MMACTION_PARAM_SCHEDULERS
from mmaction.registry import RUNNERS as MMACTION_RUNNERS
from mmaction.registry import TRANSFORMS as MMACTION_TRANSFORMS
from mmaction.registry import VISBACKENDS as MMACTION_VISBACKENDS
from mmaction.registry import VISUALIZERS as MMACTION_VISUALIZERS
from mmaction.registry import \
    WEIGHT_INITIALIZERS as MMACTION_WEIGHT_INITIALIZERS
from mmengine.registry import Registry

SCOPE = 'vosgan_mm'


def _child(name, parent):
    # importing the package registers every component, so it is the one
    # location of every registry
    return Registry(name, parent=parent, scope=SCOPE, locations=[SCOPE])


RUNNERS = _child('runner', MMACTION_RUNNERS)
LOOPS = _child('loop', MMACTION_LOOPS)
HOOKS = _child('hook', MMACTION_HOOKS)
DATASETS = _child('dataset', MMACTION_DATASETS)
DATA_SAMPLERS = _child('data sampler', MMACTION_DATA_SAMPLERS)
TRANSFORMS = _child('transform', MMACTION_TRANSFORMS)
MODELS = _child('model', MMACTION_MODELS)
MODEL_WRAPPERS = _child('model_wrapper', MMACTION_MODEL_WRAPPERS)
WEIGHT_INITIALIZERS = _child('weight initializer',
                             MMACTION_WEIGHT_INITIALIZERS)
OPTIMIZERS = _child('optimizer', MMACTION_OPTIMIZERS)
OPTIM_WRAPPERS = _child('optim_wrapper', MMACTION_OPTIM_WRAPPERS)
OPTIM_WRAPPER_CONSTRUCTORS = _child('optimizer wrapper constructor',
                                    MMACTION_OPTIM_WRAPPER_CONSTRUCTORS)
PARAM_SCHEDULERS = _child('parameter scheduler', MMACTION_PARAM_SCHEDULERS)
METRICS = _child('metric', MMACTION_METRICS)
EVALUATOR = _child('evaluator', MMACTION_EVALUATOR)
VISUALIZERS = _child('visualizer', MMACTION_VISUALIZERS)
VISBACKENDS = _child('vis_backend', MMACTION_VISBACKENDS)
LOG_PROCESSORS = _child('log_processor', MMACTION_LOG_PROCESSORS)
FUNCTIONS = _child('function', MMACTION_FUNCTION)
