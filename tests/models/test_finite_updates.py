import pytest
import torch
from mmengine.optim import OptimWrapper

from vosgan_mm.models.gans import finite_updates
from vosgan_mm.models.gans.finite_updates import FiniteUpdates
from vosgan_mm.utils import host_reads


def linear_and_wrapper(fused=False, **kwargs):
    torch.manual_seed(0)
    net = torch.nn.Linear(3, 2)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.1, fused=fused)
    return net, OptimWrapper(optimizer, **kwargs)


def terms_of(net, x=None):
    x = torch.ones(4, 3) if x is None else x
    out = net(x)
    return dict(loss_a=out.mean(), loss_b=out.pow(2).mean())


def weights(net):
    return [p.detach().clone() for p in net.parameters()]


def same(a, b):
    return all(torch.equal(x, y) for x, y in zip(a, b))


def update(updates, net, wrapper, x=None):
    terms = terms_of(net, x)
    updates.update(wrapper, net, sum(terms.values()), terms)


def nan_input():
    x = torch.ones(4, 3)
    x[0, 0] = float('nan')
    return x


@pytest.mark.parametrize('fused', [False, True])
def test_a_finite_update_is_applied_as_update_params_would(fused):
    net, wrapper = linear_and_wrapper(fused)
    twin, twin_wrapper = linear_and_wrapper(fused)
    updates = FiniteUpdates()
    updates.begin(iteration=1)
    update(updates, net, wrapper)
    updates.end()
    twin_wrapper.update_params(sum(terms_of(twin).values()))
    assert same(weights(net), weights(twin))
    assert not same(weights(net), weights(linear_and_wrapper()[0]))
    assert all(p.grad is None for p in net.parameters())


@pytest.mark.parametrize('fused', [False, True])
def test_a_nan_loss_term_stops_the_run_naming_it_and_the_iteration(fused):
    net, wrapper = linear_and_wrapper(fused)
    before = weights(net)
    updates = FiniteUpdates()
    updates.begin(iteration=7)
    with pytest.raises(FloatingPointError) as error:
        update(updates, net, wrapper, nan_input())
        updates.end()
    assert str(error.value) == (
        'loss_a not finite at iteration 7; the run stops without applying '
        'that update (the last checkpoint is the last good one). Resume '
        'from it with a lower learning rate, or set on_nonfinite="skip"')
    assert same(before, weights(net))


@pytest.mark.parametrize('fused', [False, True])
def test_skip_counts_and_logs_the_skipped_update(fused, monkeypatch):
    warnings = []
    monkeypatch.setattr(finite_updates, 'print_log',
                        lambda message, **kwargs: warnings.append(message))
    net, wrapper = linear_and_wrapper(fused)
    before = weights(net)
    updates = FiniteUpdates('skip')
    updates.begin(iteration=3)
    update(updates, net, wrapper)
    update(updates, net, wrapper, nan_input())
    updates.end()
    assert updates.skips == 1
    assert warnings == [
        'loss_a not finite at iteration 3: update skipped (1 so far)'
    ]
    # the first update was applied, the second not: Adam counted one step
    assert not same(before, weights(net))
    state = wrapper.optimizer.state
    assert all(int(s['step']) == 1 for s in state.values())


def test_a_nan_gradient_with_finite_losses_is_named_by_its_parameter():
    net, wrapper = linear_and_wrapper()
    net.bias.register_hook(lambda grad: grad * float('nan'))
    updates = FiniteUpdates()
    updates.begin(iteration=1)
    with pytest.raises(
            FloatingPointError,
            match='^gradient of bias not finite at iteration 1'):
        update(updates, net, wrapper)


def test_a_fused_optimizer_skips_on_the_device_until_the_iteration_ends():
    net, wrapper = linear_and_wrapper(fused=True)
    before = weights(net)
    updates = FiniteUpdates()
    updates.begin(iteration=2)
    with torch.profiler.profile() as prof:
        update(updates, net, wrapper, nan_input())
    assert host_reads(prof.events()) == 0  # nothing waited for the device
    assert same(before, weights(net))
    with pytest.raises(FloatingPointError, match='at iteration 2'):
        updates.end()


def test_a_fused_optimizer_reads_all_the_checks_of_an_iteration_at_once():
    net, wrapper = linear_and_wrapper(fused=True)
    updates = FiniteUpdates()
    updates.begin(iteration=1)
    with torch.profiler.profile() as prof:
        for _ in range(3):
            update(updates, net, wrapper)
        updates.end()
    assert host_reads(prof.events()) == 1


def test_a_new_iteration_forgets_the_checks_of_one_that_failed():
    net, wrapper = linear_and_wrapper(fused=True)
    updates = FiniteUpdates()
    updates.begin(iteration=1)
    update(updates, net, wrapper, nan_input())
    # the iteration failed before its end: its checks are not read
    updates.begin(iteration=2)
    update(updates, net, wrapper)
    updates.end()
    assert updates.skips == 0


def test_with_accumulated_gradients_the_wrapper_steps_every_nth_update():
    net, wrapper = linear_and_wrapper(accumulative_counts=2)
    wrapper.initialize_count_status(net, 0, 2)
    before = weights(net)
    updates = FiniteUpdates()
    updates.begin(iteration=1)
    update(updates, net, wrapper)
    assert same(before, weights(net))
    assert all(p.grad is not None for p in net.parameters())
    update(updates, net, wrapper)
    assert not same(before, weights(net))


def test_an_unknown_on_nonfinite_is_an_error():
    with pytest.raises(
            ValueError,
            match='^on_nonfinite must be "raise" or "skip", got "ignore"$'):
        FiniteUpdates('ignore')
