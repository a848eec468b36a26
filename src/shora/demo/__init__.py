"""The demo province: Khuzestan, built through the real services for ``shora demo``.

A plain Python package (not a Django app, no models): ``khuzestan`` holds the province's
data, ``villages`` and ``stations`` make up what the data leaves open (village names,
polling-station names and addresses) deterministically, ``plan`` turns both into a plan of
pure dataclasses, ``people`` describes the demo users and ``build`` writes it all.
"""
