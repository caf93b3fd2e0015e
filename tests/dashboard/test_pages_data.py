"""Page data on the demo: the overview equals the report, tiles follow the 2025 merger."""

from datetime import date

from dxmon.dashboard import boards
from dxmon.dashboard.indicator import indicator_page
from dxmon.dashboard.overview import overview
from dxmon.dashboard.tiles import tiles
from dxmon.numbers import format_number, format_scaled
from dxmon.report import service as reports


def test_overview_national_figures_equal_the_2024s1_report(demo_session) -> None:
    page = overview(demo_session, period="2024S1")
    report = reports.generate(demo_session, period="2024S1", with_charts=False)
    plain = report.markdown.replace("**", "")
    compared = 0
    for group in page.groups:
        for card in group.cards:
            used = report.used.get((card.indicator, "nation", "2024S1", "period"))
            if used is None:
                continue
            assert card.value == used.value, card.indicator
            written = {card.text.removesuffix("%"), format_number(used.value),
                       format_scaled(used.value, 1), format_scaled(used.value, 0)}
            assert any(text in plain for text in written), (card.indicator, written)
            compared += 1
    assert compared >= 30, compared


def test_overview_groups_by_pillar_with_changes_against_a_comparison_period(
        demo_session) -> None:
    page = overview(demo_session, period="2024S1")
    cards = {card.indicator: card for group in page.groups for card in group.cards}
    rate = cards["online_fullprocess_dossier_rate"]
    assert rate.text == "42%"
    assert rate.change is not None and rate.change.against == "2023"
    assert rate.change.direction == "up" and rate.change.good is True
    assert len({group.pillar for group in page.groups}) >= 6


def test_tile_map_has_63_provinces_before_july_2025_and_34_after() -> None:
    before, after = tiles(date(2025, 6, 30)), tiles(date(2025, 7, 1))
    assert len(before) == 63 and len(after) == 34
    for placed in (before, after):
        assert len({(t.column, t.row) for t in placed}) == len(placed)  # no overlap
    north = next(t for t in before if t.code == "P10")  # Lào Cai, in the far north
    south = next(t for t in before if t.code == "P96")  # Cà Mau, in the far south
    assert north.row < south.row


def test_indicator_counting_a_requirement_maps_each_agency(demo_session) -> None:
    page = indicator_page(demo_session, "bcd_action_plan_2024_issued", period="2024S1")
    assert page.breakdown_source == "requirement:steering_plan_2024_issued"
    not_done = {row.scope_label for row in page.breakdown if row.value == 0}
    assert {"Bình Định", "Nam Định"} <= not_done
    assert page.map_values["P52"][1] == "chưa thực hiện"  # Bình Định


def test_boards_on_the_demo(demo_session) -> None:
    ranking = boards.rankings(demo_session)
    assert [block.distribution for block in ranking.blocks] == [
        {"A": 0, "B": 0, "C": 5, "D": 1, "E": 15}, {"A": 0, "B": 0, "C": 39, "D": 15, "E": 9}]
    board = boards.requirements_board(demo_session, period="2024S1")
    steering = next(r for r in board.rows if r.code == "steering_plan_2024_issued"
                    and r.block == "dia_phuong")
    # the seed says 50/63 but its footnote names 12 provinces: the board counts the names
    assert (steering.done, steering.total) == (51, 63)
    tasks = boards.task_board(demo_session, as_of=date(2024, 6, 30))
    assert tasks.overdue_count > 0
    assert all(row.overdue for row in tasks.columns["in_progress"][:tasks.overdue_count])
