"""Addresses no source may make the crawler fetch, whatever the source: link-local networks
(169.254.0.0/16, fe80::/10) and the cloud providers' instance-metadata endpoints, which hand
out credentials to whoever asks from inside the machine.

Private and loopback hosts stay allowed for a source whose own host is private (an intranet
site, a local mirror; docs/hostile.md). These are refused at validation (crawler/sources.py:
the host is such an address or a metadata name) and again at connection time
(crawler/addresses.py: whatever the name resolves to, pins included).
"""

from __future__ import annotations

import ipaddress

FORBIDDEN_NETWORKS = {
    "link-local": [ipaddress.ip_network("169.254.0.0/16"), ipaddress.ip_network("fe80::/10")],
    "cloud metadata": [
        ipaddress.ip_network("fd00:ec2::254/128"),  # AWS, IPv6
        ipaddress.ip_network("100.100.100.200/32"),  # Alibaba Cloud
        ipaddress.ip_network("168.63.129.16/32"),  # Azure wire server
    ],
}
# Names that resolve to a metadata endpoint inside the cloud (GCP, AWS, generic).
METADATA_HOSTS = {
    "metadata",
    "metadata.google.internal",
    "metadata.goog",
    "instance-data",
    "instance-data.ec2.internal",
}


def forbidden_address(address: str) -> str | None:
    """'link-local' or 'cloud metadata' for an address no crawl may connect to, else None.

    >>> forbidden_address("169.254.169.254"), forbidden_address("10.0.0.1")
    ('link-local', None)
    """
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for problem, networks in FORBIDDEN_NETWORKS.items():
        if any(ip.version == net.version and ip in net for net in networks):
            return problem
    return None


def forbidden_host(host: str) -> str | None:
    """Why a URL's host (a name or an address) may never be fetched, or None."""
    host = host.lower().rstrip(".")
    if host in METADATA_HOSTS:
        return f"{host} is a cloud metadata host name"
    problem = forbidden_address(host)
    if problem:
        return f"{host} is a {problem} address"
    return None
