"""Month names as news pages print them next to a day: Russian, Ukrainian and the languages of
foreign news (English, French, Italian, Spanish, Portuguese, German, Dutch, Polish, Turkish), with
the usual abbreviations. ``MONTH_PATTERN`` matches one of them; ``month_number`` reads it back.
"""

from __future__ import annotations

__all__ = ["MONTH_PATTERN", "month_number"]

_NAMES = {
    1: (
        "января январь янв січня січень gennaio january jan janvier janv enero janeiro "
        "januar jänner ocak stycznia styczeń januari"
    ),
    2: (
        "февраля февраль фев лютого лютий february feb février fevrier févr febbraio "
        "febrero fevereiro februar şubat lutego luty februari"
    ),
    3: (
        "марта март мар березня березень march mar mars marzo março marco märz mart "
        "marca marzec maart"
    ),
    4: (
        "апреля апрель апр квітня квітень april apr avril avr aprile abril nisan kwietnia kwiecień"
    ),
    5: ("мая май травня травень may mai maggio mayo maio mayıs maja maj mei"),
    6: (
        "июня июнь июн червня червень june jun juin giugno junio junho juni haziran "
        "czerwca czerwiec"
    ),
    7: (
        "июля июль июл липня липень july jul juillet juil luglio julio julho juli "
        "temmuz lipca lipiec"
    ),
    8: (
        "августа август авг серпня серпень august aug août aout agosto ağustos sierpnia "
        "sierpień augustus"
    ),
    9: (
        "сентября сентябрь сент сен вересня вересень september sept sep septembre "
        "settembre septiembre setiembre setembro eylül września wrzesień"
    ),
    10: (
        "октября октябрь окт жовтня жовтень october oct octobre ottobre octubre outubro "
        "oktober ekim października październik"
    ),
    11: (
        "ноября ноябрь ноя листопада листопад november nov novembre noviembre novembro "
        "kasım listopada listopad"
    ),
    12: (
        "декабря декабрь дек грудня грудень december dec décembre decembre déc dicembre "
        "diciembre dezembro dezember aralık grudnia grudzień"
    ),
}


def _key(name: str) -> str:
    # Turkish dotless ı matches I case-insensitively, and "KASIM".lower() is "kasim"
    return name.rstrip(".").lower().replace("ı", "i").replace("i\u0307", "i")


_NUMBER_BY_NAME = {name: number for number, names in _NAMES.items() for name in names.split()}
_NUMBER_BY_KEY = {_key(name): number for name, number in _NUMBER_BY_NAME.items()}
if len(_NUMBER_BY_NAME) != sum(len(names.split()) for names in _NAMES.values()):
    raise ValueError("a month name is listed for two months")

# longest first, so that "марта" is not read as "мар" + "та"; a letter may not follow the name
MONTH_PATTERN = (
    r"(?P<month_name>"
    + "|".join(sorted(_NUMBER_BY_NAME, key=len, reverse=True))
    + r")\.?(?![^\W\d_])"
)


def month_number(name: str) -> int:
    """The month of a name matched by ``MONTH_PATTERN`` (any case, a trailing dot allowed)."""
    return _NUMBER_BY_KEY[_key(name)]
