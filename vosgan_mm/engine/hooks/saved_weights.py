"""Which weights the training monitors measure."""
from mmengine.hooks import EMAHook
from mmengine.model import is_model_wrapper


def model_of_the_checkpoints(runner):
    """The model whose weights the checkpoints save, unwrapped: where an
    ``EMAHook`` is registered, its moving average (which it writes into the
    checkpoints' ``state_dict``), else the runner's model. Monitors of
    what training gives a user (samples, G's statistics, D's segmentation
    of held-out clips) measure this one; with ``begin_iter``, the average
    is a copy of the raw weights until it starts."""
    for hook in runner.hooks:
        if isinstance(hook, EMAHook) and hasattr(hook, 'ema_model'):
            return hook.ema_model.module
    model = runner.model
    return model.module if is_model_wrapper(model) else model
