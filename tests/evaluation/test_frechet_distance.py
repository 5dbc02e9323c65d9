"""FID: the Fréchet distance on inputs with a known answer, and the metric
that feeds it frames of real and generated videos."""
import numpy as np
import pytest
import torch
import torch.nn as nn

from vosgan_mm.evaluation import (FrechetInceptionDistance, frechet_distance,
                                  frechet_distance_of_features, symmetric_sqrt)


def random_covariance(rng, dim):
    a = rng.normal(size=(dim, 2 * dim))
    return a @ a.T / (2 * dim)


def test_symmetric_sqrt_squares_back_to_the_matrix():
    rng = np.random.default_rng(0)
    sigma = random_covariance(rng, 6)
    root = symmetric_sqrt(sigma)
    np.testing.assert_allclose(root, root.T, atol=1e-12)
    np.testing.assert_allclose(root @ root, sigma, atol=1e-12)


def test_identical_feature_sets_are_at_distance_zero():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(500, 32)) @ rng.normal(size=(32, 32))
    assert frechet_distance_of_features(features, features.copy()) == \
        pytest.approx(0, abs=1e-9)


def test_gaussians_with_diagonal_covariances_give_the_closed_form():
    rng = np.random.default_rng(1)
    mu1, mu2 = rng.normal(size=8), rng.normal(size=8)
    var1, var2 = rng.uniform(0.1, 3, 8), rng.uniform(0.1, 3, 8)
    # |mu1 - mu2|^2 + sum (s1 + s2 - 2 sqrt(s1 s2))
    expected = np.sum((mu1 - mu2)**2) + np.sum(
        (np.sqrt(var1) - np.sqrt(var2))**2)
    assert frechet_distance(mu1, np.diag(var1), mu2,
                            np.diag(var2)) == pytest.approx(expected, 1e-12)
    # the same Gaussians in rotated coordinates: the same distance
    q, _ = np.linalg.qr(rng.normal(size=(8, 8)))
    assert frechet_distance(q @ mu1, q @ np.diag(var1) @ q.T, q @ mu2,
                            q @ np.diag(var2) @ q.T) == pytest.approx(
                                expected, 1e-10)


def test_covariances_that_do_not_commute_give_the_closed_form():
    # against the identity: tr(I) + tr(S) - 2 tr(S^(1/2)) = sum (1 - sqrt l)^2
    rng = np.random.default_rng(2)
    sigma = random_covariance(rng, 5)
    expected = np.sum((1 - np.sqrt(np.linalg.eigvalsh(sigma)))**2)
    zero = np.zeros(5)
    assert frechet_distance(zero, np.eye(5), zero,
                            sigma) == pytest.approx(expected, 1e-10)
    # and symmetric in its two Gaussians
    other = random_covariance(rng, 5)
    assert frechet_distance(zero, sigma, zero, other) == pytest.approx(
        frechet_distance(zero, other, zero, sigma), 1e-10)


def test_shifting_the_mean_by_d_adds_its_squared_length():
    rng = np.random.default_rng(3)
    real = rng.normal(size=(400, 16))
    fake = rng.normal(size=(300, 16)) * 1.5
    fake = fake - fake.mean(0) + real.mean(0)  # the same mean
    d = rng.normal(size=16)
    assert frechet_distance_of_features(real, fake + d) == pytest.approx(
        frechet_distance_of_features(real, fake) + np.sum(d**2), 1e-9)
    assert frechet_distance_of_features(real, real + d) == pytest.approx(
        np.sum(d**2), 1e-9)


def test_a_covariance_needs_two_frames_of_each_kind():
    two = np.zeros((2, 4))
    with pytest.raises(ValueError) as error:
        frechet_distance_of_features(two, two[:1])
    assert str(error.value) == ('FID needs the features of at least 2 '
                                'generated frames for a covariance, got 1')
    with pytest.raises(ValueError, match='2 real frames.*got 0'):
        FrechetInceptionDistance(classifier=ChannelMeans()).compute_metrics([])


class ChannelMeans(nn.Module):
    """Features: each frame's mean per colour channel."""

    def forward(self, images):
        return dict(features=images.mean(dim=(2, 3)))


def video(seed, frames=4, offset=0):
    """A (3, T, 8, 8) uint8 video of values within [20, 200] + offset."""
    rng = np.random.default_rng(seed)
    values = rng.integers(20, 200, (3, frames, 8, 8)) + offset
    return torch.from_numpy(values.astype(np.uint8))


def sample(idx, fake, real):
    return dict(sample_idx=idx, fake_video=fake, real_video=real)


def test_fid_of_generated_videos_that_are_the_real_clips_is_zero():
    metric = FrechetInceptionDistance(classifier=ChannelMeans())
    metric.process(None, [sample(i, video(i), video(i)) for i in range(6)])
    assert metric.compute_metrics(metric.results)['FID'] == pytest.approx(
        0, abs=1e-12)


def test_fid_of_brighter_copies_is_the_squared_shift_of_the_features():
    # 10 grey levels brighter: every channel mean moves by 10 / 127.5
    metric = FrechetInceptionDistance(classifier=ChannelMeans())
    metric.process(
        None, [sample(i, video(i, offset=10), video(i)) for i in range(6)])
    assert metric.compute_metrics(metric.results)['FID'] == pytest.approx(
        3 * (10 / 127.5)**2, rel=1e-6)


def test_fid_takes_the_same_number_of_frames_of_each_video():
    metric = FrechetInceptionDistance(
        classifier=ChannelMeans(), frames_per_video=2)
    metric.process(None, [sample(0, video(0, frames=6), video(1, frames=4))])
    assert metric.results[0]['fake'].shape == (2, 3)
    assert metric.results[0]['real'].shape == (2, 3)
    # as many as the clip has, and no frame twice
    every = FrechetInceptionDistance(
        classifier=ChannelMeans(), frames_per_video=10)
    clip = video(0, frames=4)
    every.process(None, [sample(0, clip, clip)])
    means = clip.float().mean(dim=(2, 3)).T / 127.5 - 1  # (T, 3)
    np.testing.assert_allclose(
        every.results[0]['fake'], means.numpy(), rtol=1e-5)


def test_fid_frames_follow_the_seed_and_the_sample_index():

    def picked(seed, idx):
        metric = FrechetInceptionDistance(classifier=ChannelMeans(), seed=seed)
        clip = video(0, frames=16)
        metric.process(None, [sample(idx, clip, clip)])
        return metric.results[0]['fake'].tolist()

    assert picked(0, 3) == picked(0, 3)
    assert len({str(picked(0, i)) for i in range(8)}) > 1
    assert len({str(picked(s, 3)) for s in range(8)}) > 1


def test_fid_says_before_the_test_that_one_frame_gives_no_covariance():
    metric = FrechetInceptionDistance(classifier=ChannelMeans())
    assert metric.too_few_videos(1) == (
        'FID with frames_per_video=1 needs at least 2 videos for its '
        'covariances, got 1')
    assert metric.too_few_videos(2) is None
    two_frames = FrechetInceptionDistance(
        classifier=ChannelMeans(), frames_per_video=2)
    assert two_frames.too_few_videos(1) is None
    assert two_frames.too_few_videos(0) == (
        'FID with frames_per_video=2 needs at least 1 video for its '
        'covariances, got 0')
    with pytest.raises(ValueError) as error:
        FrechetInceptionDistance(classifier=ChannelMeans(), frames_per_video=0)
    assert str(error.value) == ('frames_per_video must be a positive '
                                'integer, got 0')
