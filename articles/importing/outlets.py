"""The launch outlets as the importer creates them when an archive names one not set up yet."""

from ..models import Outlet, OutletStyle, OutletZone

# (name, dateline brand, time zone) per style. Colours, logo and hosts come later.
LAUNCH_OUTLETS = {
    OutletStyle.TRIBRATANEWS_NTT: (
        "Tribratanews NTT",
        "Tribratanewsntt.com",
        OutletZone.WITA,
    ),
    OutletStyle.INEWS_TTU: ("iNews TTU", "iNewsTTU.id", OutletZone.WITA),
    OutletStyle.POS_KUPANG: ("Pos-Kupang", "POS-KUPANG.COM", OutletZone.WITA),
    OutletStyle.BLITAR_UPDATE: ("Blitar Update", "BLITAR.UPDATE.CO.ID", OutletZone.WIB),
    OutletStyle.BERITANASIONAL: ("BeritaNasional", "BeritaNasional.ID", OutletZone.WIB),
}


def launch_outlet(style: str) -> Outlet:
    """An unsaved launch outlet of `style` with its name, brand and zone."""
    name, brand, zone = LAUNCH_OUTLETS[style]
    return Outlet(name=name, slug=style, style=style, brand_label=brand, time_zone=zone)
