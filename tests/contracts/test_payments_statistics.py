"""The payment statistics and the half-yearly payments compliance figures, on a hand-worked set of invoices.

Half-year April to September 2026; 30-day terms. Council's contract A, the ICB's contract B.

 #  contract received  valid from  paid      days band      at 30 September 2026
 1  A        1 Apr     1 Apr       21 Apr    20   1–30
 2  A        10 Apr    10 Apr      10 May    30   1–30
 3  A        1 May     1 May       1 Jun     31   31–60
 4  A        15 May    15 May      14 Jul    60   31–60
 5  A        1 Jun     1 Jun       1 Aug     61   61+
 6  B        10 Jun    10 Jun      10 Jun     0   1–30
 7  B        1 Jul     21 Jul (corrected after a dispute)  10 Aug  20 (40 from receipt)  1–30
 8  B        1 Aug     1 Aug       —                  unpaid, payable 31 Aug: past due
 9  B        20 Sep    20 Sep      —                  unpaid, payable 20 Oct: not yet due
10  A        1 Sep     1 Sep       5 Oct              unpaid at the end of the half (paid after it), payable 1 Oct
11  A        15 Jul    —           —                  unpaid, disputed: not past due
12  A        cancelled                                not counted
13  A        31 Mar (the half before)  paid 20 Apr    not counted

All: 11 invoices; 7 paid, days 20+30+31+60+61+0+20 = 222, average 31.7; 1–30: 4 (36.4%), 31–60: 2 (18.2%),
61+: 1 (9.1%), unpaid 4 (36.4%), past due 1 (9.1%).
Council (A): 7 invoices; 5 paid, 202 days, average 40.4; 2 (28.6%), 2 (28.6%), 1 (14.3%); unpaid 2 (28.6%), past due 0.
ICB (B): 4 invoices; 2 paid, 20 days, average 10.0; 2 (50.0%), 0, 0; unpaid 2 (50.0%), past due 1 (25.0%).
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from jointly.contracts.models import Contract, Invoice
from jointly.contracts.selectors import payments as read
from jointly.contracts.selectors.payments import HalfYear

from ..factories import TrustPartnerFactory
from .factories import ContractFactory, InvoiceFactory

pytestmark = pytest.mark.django_db

D = datetime.date
H1 = HalfYear(2026, 1)


@pytest.fixture
def hand_worked(trust, provider_org):
    council = TrustPartnerFactory(trust=trust, statutory=True, organisation__name="Plymouth City Council").organisation
    icb = TrustPartnerFactory(trust=trust, statutory=True, organisation__name="NHS Devon ICB").organisation
    term = {"starts_on": D(2025, 4, 1), "ends_on": D(2028, 3, 31), "status": Contract.Status.ACTIVE, "supplier": provider_org, "trust": trust}
    a = ContractFactory(buyer=council, reference="A", **term)
    b = ContractFactory(buyer=icb, reference="B", **term)

    def invoice(contract, received, paid=None, *, valid=None, status=None):
        status = status or (Invoice.Status.PAID if paid else Invoice.Status.APPROVED)
        valid = valid or received
        return InvoiceFactory(
            contract=contract, received_on=received, valid_on=valid, payable_on=valid + datetime.timedelta(days=30), paid_on=paid, status=status
        )

    invoice(a, D(2026, 4, 1), D(2026, 4, 21))
    invoice(a, D(2026, 4, 10), D(2026, 5, 10))
    invoice(a, D(2026, 5, 1), D(2026, 6, 1))
    invoice(a, D(2026, 5, 15), D(2026, 7, 14))
    invoice(a, D(2026, 6, 1), D(2026, 8, 1))
    invoice(b, D(2026, 6, 10), D(2026, 6, 10))
    invoice(b, D(2026, 7, 1), D(2026, 8, 10), valid=D(2026, 7, 21))
    invoice(b, D(2026, 8, 1))
    invoice(b, D(2026, 9, 20), status=Invoice.Status.RECEIVED)
    invoice(a, D(2026, 9, 1), D(2026, 10, 5))
    invoice(a, D(2026, 7, 15), status=Invoice.Status.DISPUTED)
    invoice(a, D(2026, 5, 5), status=Invoice.Status.CANCELLED)
    invoice(a, D(2026, 3, 31), D(2026, 4, 20))
    return council, icb, a, b


def figures_of(figures):
    return {
        "invoices": figures.invoices,
        "paid": figures.paid,
        "average_days": figures.average_days,
        "1-30": (figures.within_30, figures.share_within_30),
        "31-60": (figures.within_60, figures.share_within_60),
        "61+": (figures.over_60, figures.share_over_60),
        "unpaid": (figures.unpaid, figures.share_unpaid),
        "past_due": (figures.past_due, figures.share_past_due),
    }


def test_the_half_yearly_compliance_figures_are_exact(hand_worked, commissioner, trust):
    council, icb, a, b = hand_worked
    statistics = read.payment_statistics(read.invoices_of_trust(commissioner, trust), today=D(2026, 12, 1), half=H1)
    assert statistics.as_of == D(2026, 9, 30)
    assert figures_of(statistics.total) == {
        "invoices": 11,
        "paid": 7,
        "average_days": Decimal("31.7"),
        "1-30": (4, Decimal("36.4")),
        "31-60": (2, Decimal("18.2")),
        "61+": (1, Decimal("9.1")),
        "unpaid": (4, Decimal("36.4")),
        "past_due": (1, Decimal("9.1")),
    }
    by_authority = dict(statistics.by_authority)
    assert [buyer.name for buyer, _ in statistics.by_authority] == ["NHS Devon ICB", "Plymouth City Council"]
    assert figures_of(by_authority[council]) == {
        "invoices": 7,
        "paid": 5,
        "average_days": Decimal("40.4"),
        "1-30": (2, Decimal("28.6")),
        "31-60": (2, Decimal("28.6")),
        "61+": (1, Decimal("14.3")),
        "unpaid": (2, Decimal("28.6")),
        "past_due": (0, Decimal("0.0")),
    }
    assert figures_of(by_authority[icb]) == {
        "invoices": 4,
        "paid": 2,
        "average_days": Decimal("10.0"),
        "1-30": (2, Decimal("50.0")),
        "31-60": (0, Decimal("0.0")),
        "61+": (0, Decimal("0.0")),
        "unpaid": (2, Decimal("50.0")),
        "past_due": (1, Decimal("25.0")),
    }
    # One contract per authority here, so the per-contract figures are the authority's.
    assert [(contract.reference, figures.invoices) for contract, figures in statistics.by_contract] == [("A", 7), ("B", 4)]
    assert statistics.total.amount == Decimal("11000.00")
    assert statistics.total.amount_paid == Decimal("7000.00")


def test_disputed_time_is_not_counted_against_the_buyer(hand_worked, commissioner, trust):
    # Invoice 7 was received on 1 July but valid only from 21 July, when the corrected invoice was accepted:
    # 20 days to pay, in the 1–30 band, not 40.
    invoice = Invoice.objects.get(contract__reference="B", received_on=D(2026, 7, 1))
    assert invoice.days_to_pay == 20
    # Invoice 11 is still disputed: unpaid, but not past due, whatever its payable date.
    disputed = Invoice.objects.get(status=Invoice.Status.DISPUTED)
    assert disputed.payable_on < D(2026, 9, 30)
    assert read.payment_figures([disputed], as_of=D(2026, 9, 30)).past_due == 0


def test_figures_for_the_current_half_stand_as_of_today(hand_worked, commissioner, trust):
    # On 15 August, invoices 5 and 7 are paid, 8 is not yet due, and 9 and 10 are not yet received.
    statistics = read.payment_statistics(read.invoices_of_trust(commissioner, trust), today=D(2026, 8, 15), half=H1)
    assert statistics.as_of == D(2026, 8, 15)
    assert (statistics.total.invoices, statistics.total.paid, statistics.total.unpaid, statistics.total.past_due) == (9, 7, 2, 0)


def test_no_invoices_gives_no_shares_rather_than_zero(commissioner, trust):
    figures = read.payment_statistics(read.invoices_of_trust(commissioner, trust), today=D(2026, 12, 1), half=H1).total
    assert (figures.invoices, figures.average_days, figures.share_within_30, figures.share_unpaid) == (0, None, None, None)


def test_another_trusts_invoices_are_not_in_the_figures(hand_worked, other_commissioner, trust):
    assert read.payment_statistics(read.invoices_visible(other_commissioner), today=D(2026, 12, 1), half=H1).total.invoices == 0


@pytest.mark.parametrize(
    ("day", "code", "label"),
    [
        (D(2026, 4, 1), "2026-H1", "April to September 2026"),
        (D(2026, 9, 30), "2026-H1", "April to September 2026"),
        (D(2026, 10, 1), "2026-H2", "October 2026 to March 2027"),
        (D(2027, 3, 31), "2026-H2", "October 2026 to March 2027"),
    ],
)
def test_half_years_run_april_to_september_and_october_to_march(day, code, label):
    half = HalfYear.containing(day)
    assert (half.code, half.label) == (code, label)
    assert HalfYear.parse(code) == half
    assert half.starts_on <= day <= half.ends_on


def test_a_bad_half_year_code_is_none():
    assert [HalfYear.parse(code) for code in ("2026-H3", "x", "", "1900-H1")] == [None, None, None, None]


def test_the_csv_has_a_row_for_the_trust_each_authority_and_each_contract(hand_worked, commissioner_client, trust):
    response = commissioner_client.get(f"/payments/{trust.slug}/statistics.csv?half=2026-H1")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Scope", "Name", "Invoices", "Average days to pay"]
    assert rows[1] == ["All authorities", "", "11", "31.7", "36.4", "18.2", "9.1", "36.4", "9.1", "11000.00", "7000.00"]
    assert [row[1] for row in rows[2:]] == ["NHS Devon ICB", "Plymouth City Council", "A: " + rows[4][1][3:], "B: " + rows[5][1][3:]]
