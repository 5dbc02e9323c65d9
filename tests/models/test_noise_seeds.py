import numpy as np
import torch

from vosgan_mm.models.latents import NoiseSeeds, noise_seeds
from vosgan_mm.utils import host_reads


def reads(step):
    with torch.profiler.profile() as prof:
        value = step()
    return value, host_reads(prof.events())


def test_seeds_are_those_of_earlier_runs():
    """A resumed run, or a checkpoint scored again, draws the noise it drew
    before: the seeds are SeedSequence([noise_seed, rank, iterations done,
    purpose]) and SeedSequence([noise_seed, 7, clip index])."""
    seeds = NoiseSeeds(3)
    assert seeds.train_seed(5, 1) == int(
        np.random.SeedSequence([3, 0, 5, 1]).generate_state(1)[0])
    assert seeds.sample_seed(9) == int(
        np.random.SeedSequence([3, 7, 9]).generate_state(1)[0])


def test_training_seeds_differ_by_seed_rank_iteration_and_purpose(monkeypatch):
    seeds = {
        NoiseSeeds(0).train_seed(0, 0),
        NoiseSeeds(1).train_seed(0, 0),
        NoiseSeeds(0).train_seed(1, 0),
        NoiseSeeds(0).train_seed(0, 1),
        NoiseSeeds(0).sample_seed(0),
    }
    on_rank_0 = NoiseSeeds(0).sample_seed(4)
    monkeypatch.setattr(noise_seeds, 'get_rank', lambda: 1)
    seeds.add(NoiseSeeds(0).train_seed(0, 0))
    assert len(seeds) == 6
    # evaluation noise is the same on every process
    assert NoiseSeeds(0).sample_seed(4) == on_rank_0


def test_the_counter_is_read_once_and_then_followed_on_the_host():
    seeds = NoiseSeeds()
    count = torch.tensor(4)
    assert reads(lambda: seeds.iters_done(count)) == (4, 1)
    assert reads(lambda: seeds.iters_done(count)) == (4, 0)
    assert reads(lambda: seeds.advance(count)) == (None, 0)
    assert int(count) == 5
    assert reads(lambda: seeds.iters_done(count)) == (5, 0)


def test_the_counter_is_read_again_after_it_changed_elsewhere():
    seeds = NoiseSeeds()
    count = torch.tensor(4)
    seeds.iters_done(count)
    count.zero_()  # e.g. loaded in place
    assert seeds.iters_done(count) == 0
    assert seeds.iters_done(torch.tensor(8)) == 8  # e.g. moved or assigned
    seeds.forget()
    assert reads(lambda: seeds.iters_done(count)) == (0, 1)
