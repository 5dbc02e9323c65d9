import os

from mmengine.hooks import Hook

from vosgan_mm.registry import HOOKS


def resident_memory_mib() -> float:
    """This process's resident memory (Linux ``/proc``), in MiB."""
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return float('nan')


def open_file_count() -> int:
    """File descriptors this process holds open (Linux ``/proc``)."""
    return len(os.listdir('/proc/self/fd'))


@HOOKS.register_module()
class ResourceMonitorHook(Hook):
    """Records, every ``interval`` iterations, the process's resident memory,
    its open files and the size of the data set's flow cache (where the
    pipeline has one and loads in this process), into ``self.records`` and
    the log.

    Args:
        interval (int): Iterations between records. Defaults to 100.
    """

    priority = 'VERY_LOW'

    def __init__(self, interval: int = 100):
        self.interval = interval
        self.records = []

    def _flow_cache_mib(self, runner) -> float:
        dataset = runner.train_dataloader.dataset
        for transform in getattr(dataset.pipeline, 'transforms', []):
            cache = getattr(transform, 'cache', None)
            if cache is not None and hasattr(cache, 'num_bytes'):
                return cache.num_bytes / 2**20
        return float('nan')

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None):
        if not self.every_n_train_iters(runner, self.interval):
            return
        record = dict(
            iter=runner.iter + 1,
            rss_mib=resident_memory_mib(),
            open_files=open_file_count(),
            flow_cache_mib=self._flow_cache_mib(runner))
        self.records.append(record)
        runner.logger.info('resources: ' + ', '.join(
            f'{k}={v:.1f}' if isinstance(v, float) else f'{k}={v}'
            for k, v in record.items()))
