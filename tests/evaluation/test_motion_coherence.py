import math

import numpy as np
import pytest

from vosgan_mm.evaluation import MotionCoherence, kl_divergence

SMOOTHINGS = (1e-10, 1e-6, 1e-3)


@pytest.mark.parametrize('divergence', MotionCoherence.divergences)
@pytest.mark.parametrize('smoothing', SMOOTHINGS)
def test_identical_histograms_have_zero_divergence(divergence, smoothing):
    hist = np.random.default_rng(0).integers(0, 50, (20, 18)).astype(float)
    hist[3] = 0  # empty bins too
    metric = MotionCoherence(divergence=divergence, smoothing=smoothing)
    assert metric.compare(hist, hist.copy()) == 0
    # the same motion in another amount of video
    assert metric.compare(hist, 3 * hist) == pytest.approx(0, abs=1e-15)


# Two bins: the real clips move both ways equally, the generated videos
# only one way. Smoothed with e, real = (1/2, 1/2) and generated =
# ((1 + e) / (1 + 2e), e / (1 + 2e)).
REAL, GENERATED = np.array([1., 1.]), np.array([1., 0.])


def hand_kl_real_generated(e):
    # 1/2 log(1/2 / generated_0) + 1/2 log(1/2 / generated_1)
    return (math.log((1 + 2 * e) / (2 * (1 + e))) + math.log(
        (1 + 2 * e) / (2 * e))) / 2


def hand_kl_generated_real(e):
    g0, g1 = (1 + e) / (1 + 2 * e), e / (1 + 2 * e)
    return g0 * math.log(2 * g0) + g1 * math.log(2 * g1)


def hand_js(e):
    g0, g1 = (1 + e) / (1 + 2 * e), e / (1 + 2 * e)
    m0, m1 = (1 / 2 + g0) / 2, (1 / 2 + g1) / 2
    kl_real_m = (math.log(1 / 2 / m0) + math.log(1 / 2 / m1)) / 2
    kl_generated_m = g0 * math.log(g0 / m0) + g1 * math.log(g1 / m1)
    return (kl_real_m + kl_generated_m) / 2


@pytest.mark.parametrize('smoothing', SMOOTHINGS)
@pytest.mark.parametrize('divergence,hand', [
    ('kl_real_generated', hand_kl_real_generated),
    ('kl_generated_real', hand_kl_generated_real),
    ('js', hand_js),
])
def test_two_bin_divergence_equals_the_hand_computed_value(
        divergence, hand, smoothing):
    metric = MotionCoherence(divergence=divergence, smoothing=smoothing)
    results = [dict(real=REAL, fake=GENERATED)]
    assert metric.compute_metrics(results)['MC'] == pytest.approx(
        hand(smoothing), rel=1e-9)


def test_two_bin_values_show_what_the_choices_do():
    # the empty generated bin makes KL(real || generated) about
    # 1/2 log(1 / 4e): 10.82 at 1e-10, 2.76 at 1e-3; the other direction
    # and JS hardly move (log 2 and 3/4 log(4/3) as e -> 0)
    assert hand_kl_real_generated(1e-10) == pytest.approx(
        math.log(1 / 4e-10) / 2, rel=1e-9)
    assert hand_kl_real_generated(1e-3) == pytest.approx(2.7622, abs=1e-4)
    assert hand_kl_generated_real(1e-10) == pytest.approx(math.log(2))
    assert hand_js(1e-10) == pytest.approx(0.75 * math.log(4 / 3))


def test_default_is_kl_of_real_to_generated_smoothed_by_1e_10():
    metric = MotionCoherence()
    assert (metric.divergence, metric.smoothing) == ('kl_real_generated',
                                                     1e-10)
    results = [dict(real=REAL, fake=GENERATED)]
    assert metric.compute_metrics(results)['MC'] == kl_divergence(
        REAL, GENERATED)


def test_unknown_divergence_or_non_positive_smoothing_is_refused():
    with pytest.raises(
            ValueError,
            match='divergence must be one of '
            'kl_real_generated, kl_generated_real, js; '
            "got 'kl'"):
        MotionCoherence(divergence='kl')
    with pytest.raises(ValueError, match='smoothing must be positive'):
        MotionCoherence(smoothing=0)
