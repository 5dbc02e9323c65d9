import numpy as np
import torch
from mmengine.dist import get_rank


class NoiseSeeds:
    """The seeds of a GAN's latent noise, all derived from one
    ``noise_seed``.

    A training draw is seeded by ``noise_seed``, the process rank, the
    number of iterations done and the draw's purpose (which update of the
    iteration), so a resumed run draws the same noise as one never stopped.
    The iterations are counted in a 0-d tensor (the model's ``train_iters``
    buffer, saved in checkpoints). It is read on the host only when
    something other than :meth:`advance` changed or replaced it (loading,
    moving), so that seeding does not wait for the device.

    Args:
        noise_seed (int): Defaults to 0.
    """

    def __init__(self, noise_seed: int = 0):
        self.noise_seed = noise_seed
        self.forget()

    def forget(self) -> None:
        """Reads the counter again at its next use. Loading may give it
        another value even as a new tensor at version 0 (``assign=True``),
        which the check of :meth:`iters_done` could take for the old one."""
        # (id, version) of the tensor last read, and its value
        self._read = (None, None, 0)

    def iters_done(self, counter: torch.Tensor) -> int:
        """``counter`` as an int, read from the tensor again only after
        something else changed or replaced it."""
        key = (id(counter), counter._version)
        if self._read[:2] != key:
            self._read = (*key, int(counter))
        return self._read[2]

    def advance(self, counter: torch.Tensor) -> None:
        """Adds one iteration to ``counter`` in place, remembered without
        reading the device."""
        done = self.iters_done(counter) + 1
        counter += 1
        self._read = (id(counter), counter._version, done)

    def train_seed(self, iters_done: int, purpose: int) -> int:
        """The seed of draw ``purpose`` (0, 1...) of the iteration after
        ``iters_done``, on this process."""
        return self._seed(get_rank(), iters_done, purpose)

    def sample_seed(self, index: int) -> int:
        """The seed of the video generated for real clip ``index`` in
        evaluation, the same on every process."""
        return self._seed(7, index)

    def _seed(self, *words: int) -> int:
        sequence = np.random.SeedSequence([self.noise_seed, *words])
        return int(sequence.generate_state(1)[0])
