"""State-dict hooks with which a GAN's checkpoints name its networks the
same whether or not distributed training wrapped them: MMEngine's
``MMSeparateDistributedDataParallel`` wraps each child network, whose keys
would otherwise read ``generator.module.x`` instead of ``generator.x``."""
from mmengine.model import is_model_wrapper


def drop_wrapper_prefix(module, state_dict, prefix, local_metadata):
    """Saved keys ``generator.module.x`` of a wrapped child become
    ``generator.x``."""
    for name, child in module._modules.items():
        if is_model_wrapper(child):
            wrapped = f'{prefix}{name}.module.'
            for key in [k for k in state_dict if k.startswith(wrapped)]:
                state_dict[f'{prefix}{name}.{key[len(wrapped):]}'] = \
                    state_dict.pop(key)
    return state_dict


def add_wrapper_prefix(module, state_dict, prefix, *args):
    """Keys ``generator.x`` load into a wrapped child as
    ``generator.module.x``."""
    for name, child in module._modules.items():
        if is_model_wrapper(child):
            plain = f'{prefix}{name}.'
            wrapped = f'{plain}module.'
            for key in [
                    k for k in state_dict
                    if k.startswith(plain) and not k.startswith(wrapped)
            ]:
                state_dict[wrapped + key[len(plain):]] = state_dict.pop(key)
