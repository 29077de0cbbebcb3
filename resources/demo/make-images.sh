#!/usr/bin/env bash
# make-images.sh — draws the demo newsroom's illustrations and author avatars.
#
# Every picture is synthetic: gradients, plasma textures and simple shapes, with a caption
# label naming the (fictional) scene. No photograph is used. The output is deterministic:
# fixed -seed values for the plasma, a fixed seed for bash's $RANDOM, metadata stripped.
#
# Usage: resources/demo/make-images.sh            (writes resources/demo/images/)
# Needs ImageMagick 6 ("convert") or 7 ("magick").
# Pixel sizes here must match the <img width/height> attributes in articles/*.html;
# check-demo.py verifies that.
set -euo pipefail
cd "$(dirname "$0")"
OUT=images
mkdir -p "$OUT"

# --- find a real ImageMagick ------------------------------------------------------------
IM=()
for cand in /usr/bin/convert "magick" "convert"; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -version 2>/dev/null | grep -q "ImageMagick"; then
        IM=("$cand"); break
    fi
done
if [ ${#IM[@]} -eq 0 ]; then
    echo "make-images.sh: ImageMagick not found (apt-get install -y imagemagick)" >&2
    exit 1
fi

FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[ -f "$FONT" ] || FONT=Helvetica-Bold
FONT_REG=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -f "$FONT_REG" ] || FONT_REG=Helvetica

JPEG_OPTS=(-strip -interlace none -sampling-factor 2x2 -quality 80)
PNG_OPTS=(-strip -define png:exclude-chunks=date,time)

# --- helpers ------------------------------------------------------------------------------
# ridge W H BASE AMP N  -> sets RIDGE to the polygon points of a jagged mountain skyline, closed
# at the bottom. (A variable, not $(…) output: a subshell would reseed $RANDOM.)
ridge() {
    local w=$1 h=$2 base=$3 amp=$4 n=$5 i x y pts
    pts="0,$h 0,$base"
    for ((i = 1; i < n; i++)); do
        x=$((w * i / n))
        y=$((base - RANDOM % amp))
        pts="$pts $x,$y"
    done
    RIDGE="$pts $w,$base $w,$h"
}

# label W H TEXT -> draw arguments for a translucent caption strip at the bottom left
label_args() {
    local w=$1 h=$2 text=$3 ps lh
    ps=$((w / 42)); [ $ps -lt 11 ] && ps=11
    lh=$((ps * 2))
    LABEL=(-fill '#00000080' -draw "rectangle 0,$((h - lh)) $w,$h"
           -font "$FONT_REG" -pointsize "$ps" -fill '#f4f1ea' -gravity southwest
           -annotate "+$((ps / 2))+$((ps / 2))" "$text" -gravity northwest)
}

# buildings W H GROUND COUNT MAXH COLOUR -> appends rectangles (and lit windows) to DRAW
buildings() {
    local w=$1 h=$2 ground=$3 count=$4 maxh=$5 col=$6 i x0 x1 top bw wx wy
    bw=$((w / count))
    DRAW+=(-fill "$col")
    for ((i = 0; i < count; i++)); do
        x0=$((i * bw + RANDOM % (bw / 4 + 1)))
        x1=$((x0 + bw * 2 / 3 + RANDOM % (bw / 3 + 1)))
        top=$((ground - maxh / 3 - RANDOM % (maxh * 2 / 3 + 1)))
        DRAW+=(-draw "rectangle $x0,$top $x1,$ground")
    done
    DRAW+=(-fill '#ffd98a')
    for ((i = 0; i < count * 4; i++)); do
        wx=$((RANDOM % w)); wy=$((ground - 8 - RANDOM % (maxh / 2 + 1)))
        DRAW+=(-draw "rectangle $wx,$wy $((wx + w / 200 + 2)),$((wy + w / 160 + 3))")
    done
    DRAW+=(-fill "$col")
}

# scene FILE W H SEED SKY_TOP SKY_BOTTOM GROUND_A GROUND_B HORIZON_POLYGON LABEL [extra -draw args…]
# Sky gradient (plus the shapes in PRE, drawn behind the ground), a plasma-textured ground in
# shades between GROUND_A and GROUND_B masked by the polygon, then extra shapes and a label.
scene() {
    local file=$1 w=$2 h=$3 seed=$4 s1=$5 s2=$6 g1=$7 g2=$8 poly=$9 text=${10}
    shift 10
    [ ${#PRE[@]} -gt 0 ] || PRE=(-fill none)
    label_args "$w" "$h" "$text"
    "${IM[@]}" -size "${w}x${h}" gradient:"$s1"-"$s2" "${PRE[@]}" \
        \( -size "$((w / 6))x$((h / 6))" -seed "$seed" plasma:grey50-grey50 -colorspace Gray -blur 0x1 -auto-level \
           +level-colors "$g1","$g2" -resize "${w}x${h}!" \) \
        \( -size "${w}x${h}" xc:black -fill white -draw "polygon $poly" \) \
        -composite "$@" "${LABEL[@]}" "${JPEG_OPTS[@]}" "$OUT/$file"
    echo "  $OUT/$file ${w}x${h}"
}

# --- the library ---------------------------------------------------------------------------
RANDOM=2025
PRE=()

echo "Drawing demo images with ${IM[*]}"

# 41001 — restored modernist cinema facade at dusk
W=960 H=640 G=560
DRAW=(-fill '#d9c7a4' -draw "rectangle 120,150 840,$G"
      -fill '#b9a27e' -draw "rectangle 120,150 840,190")
for ((r = 0; r < 6; r++)); do for ((c = 0; c < 18; c++)); do
    cols=('#3f6e8c' '#c9893f' '#e7dcc4' '#7a4b3a' '#5d8a6e')
    DRAW+=(-fill "${cols[$(((r * 7 + c * 3) % 5))]}" -draw "rectangle $((150 + c * 37)),$((210 + r * 34)) $((180 + c * 37)),$((238 + r * 34))")
done; done
DRAW+=(-fill '#2b2b33' -draw "rectangle 380,440 580,$G" -fill '#ffcf7a' -draw "rectangle 392,452 472,$G" -draw "rectangle 488,452 568,$G"
       -fill '#ffe6a8' -draw "circle 820,80 845,80")
scene tselinny-facade.jpg $W $H 11 '#1d2b53' '#e08a5b' '#4a4a4a' '#8d8477' "0,$H 0,$G $W,$G $W,$H" \
    "A restored modernist cinema facade, Almaty (illustration)" "${DRAW[@]}"

# 41002 — evening architecture walk, city street with buildings
W=1200 H=800 G=640
DRAW=(-fill '#fff2c2' -draw "circle 980,140 1010,140")
buildings $W $H $G 12 360 '#2d3142'
DRAW+=(-fill '#f2efe6' -draw "rectangle 0,$((G + 60)) $W,$((G + 66))")
scene almaty-night-walk.jpg $W $H 12 '#0f1c3f' '#6b4e8a' '#3b3b46' '#5a5a66' "0,$H 0,$G $W,$G $W,$H" \
    "Evening walking tour on a tree-lined avenue (illustration)" "${DRAW[@]}"

# 41003 — courtyard mosaic close-up
W=960 H=640
DRAW=()
for ((r = 0; r < 10; r++)); do for ((c = 0; c < 15; c++)); do
    cols=('#c44536' '#f2c14e' '#1b998b' '#2e294e' '#f7f7f2' '#d98a3a')
    DRAW+=(-fill "${cols[$(((r * r + c * 2 + r * c) % 6))]}" -draw "roundrectangle $((20 + c * 62)),$((20 + r * 60)) $((74 + c * 62)),$((72 + r * 60)) 6,6")
done; done
scene courtyard-mosaic.jpg $W $H 13 '#8c7b6b' '#6d5d4f' '#8c7b6b' '#a39281' "0,0 $W,0 $W,$H 0,$H" \
    "Tiled mosaic in a residential courtyard (illustration)" "${DRAW[@]}"

# 41004 — wheat harvest on the northern plains
W=1600 H=1067 G=560
DRAW=(-stroke '#b08a35' -strokewidth 3)
for ((i = 0; i < 16; i++)); do DRAW+=(-draw "line $((800 + (i - 8) * 20)),$G $((i * 110 - 80)),$H"); done
DRAW+=(-stroke none -fill '#2f6b3a' -draw "rectangle 1040,470 1240,560" -fill '#1f1f1f' -draw "circle 1080,565 1080,595" -draw "circle 1200,565 1200,595"
       -fill '#3c7d48' -draw "rectangle 1180,420 1240,470" -fill '#fff7d6' -draw "circle 300,180 340,180")
scene wheat-harvest.jpg $W $H 14 '#5d9cd6' '#dcecf7' '#d8b45a' '#b8913f' "0,$H 0,$G $W,$G $W,$H" \
    "Combine harvester on a wheat field, northern Kazakhstan (illustration)" "${DRAW[@]}"

# 41005 — walnut forest on a hillside
W=1280 H=853
DRAW=()
for ((i = 0; i < 26; i++)); do
    x=$((RANDOM % W)); y=$((420 + RANDOM % 330)); r=$((40 + RANDOM % 50))
    DRAW+=(-fill '#5b3a1e' -draw "rectangle $((x - 6)),$y $((x + 6)),$((y + r + 30))" -fill '#2f5e2a' -draw "circle $x,$y $((x + r)),$y"
           -fill '#47803c' -draw "circle $((x - r / 3)),$((y - r / 3)) $((x + r / 3)),$((y - r / 3))")
done
ridge $W $H 430 120 9
scene walnut-forest.jpg $W $H 15 '#8fb8de' '#e8eef2' '#6e8b3d' '#9a7b45' "$RIDGE" \
    "Walnut groves on a hillside, southern Kyrgyzstan (illustration)" "${DRAW[@]}"

# 41006 — walnuts at a market stall (small, 300 px)
W=300 H=200
DRAW=()
for ((i = 0; i < 40; i++)); do
    x=$((10 + RANDOM % 280)); y=$((70 + RANDOM % 110))
    DRAW+=(-fill '#8a5a2b' -draw "ellipse $x,$y 11,9 0,360" -fill '#b07a42' -draw "ellipse $((x - 2)),$((y - 2)) 5,4 0,360")
done
scene walnut-market.jpg $W $H 16 '#e9d8b4' '#c9a66b' '#6b4a2a' '#8d6a44' "0,$H 0,60 $W,60 $W,$H" \
    "Walnuts for sale (illustration)" "${DRAW[@]}"

# 41007 — bread price chart (small, 300 px)
W=300 H=220
DRAW=(-fill '#222222' -draw "line 30,180 290,180" -draw "line 30,20 30,180")
vals=(62 64 63 67 70 74 79 83)
for ((i = 0; i < 8; i++)); do
    v=${vals[$i]}; top=$((180 - (v - 50) * 4))
    DRAW+=(-fill '#c0392b' -draw "rectangle $((40 + i * 31)),$top $((62 + i * 31)),179")
done
DRAW+=(-font "$FONT" -pointsize 12 -fill '#222222' -annotate +36+16 "Bread, KZT/kg index")
scene bread-price-chart.jpg $W $H 17 '#ffffff' '#f4f4f0' '#ffffff' '#ffffff' "0,0 1,0 1,1 0,1" \
    "Source: statistics bureau" "${DRAW[@]}"

# 41008 — tram on a wide boulevard
W=1400 H=933 G=700
DRAW=(-stroke '#333333' -strokewidth 2 -draw "line 0,300 $W,280" -stroke none
      -fill '#c8102e' -draw "roundrectangle 300,430 1100,690 18,18" -fill '#f2f2f2' -draw "rectangle 300,600 1100,620"
      -stroke '#333333' -strokewidth 3 -draw "line 700,430 740,290" -stroke none)
for ((i = 0; i < 8; i++)); do DRAW+=(-fill '#a9c8de' -draw "rectangle $((330 + i * 95)),460 $((405 + i * 95)),560"); done
buildings $W $H 420 9 200 '#7d7f86'
scene karaganda-tram.jpg $W $H 18 '#9fb3c8' '#e6e9ed' '#55565b' '#77787d' "0,$H 0,$G $W,$G $W,$H" \
    "A tram on a boulevard in Karaganda (illustration)" "${DRAW[@]}"

# 41009 — Nauryz courtyard: yurt, lanterns, tables
W=1200 H=800 G=600
DRAW=(-fill '#f5f0e1' -draw "rectangle 420,380 780,$G" -fill '#c8553d' -draw "polygon 400,380 600,250 800,380"
      -fill '#7a3b2e' -draw "rectangle 560,470 640,$G" -fill '#e9b44c' -draw "rectangle 420,420 780,440")
for ((i = 0; i < 10; i++)); do DRAW+=(-fill '#ffd166' -draw "circle $((80 + i * 115)),120 $((92 + i * 115)),120"); done
DRAW+=(-stroke '#444444' -strokewidth 2 -draw "line 0,110 $W,130" -stroke none)
scene nauryz-courtyard.jpg $W $H 19 '#87bfe6' '#f6e7c8' '#7f9c5a' '#a2b86c' "0,$H 0,$G $W,$G $W,$H" \
    "A courtyard prepared for Nauryz (illustration)" "${DRAW[@]}"

# 41010 — ferry on the Caspian Sea
W=1600 H=900 G=470
DRAW=(-fill '#f0f0f0' -draw "polygon 520,560 1180,560 1120,640 580,640" -fill '#1e3d59' -draw "rectangle 600,500 1040,560"
      -fill '#f0f0f0' -draw "rectangle 660,450 900,500" -fill '#c0392b' -draw "rectangle 940,430 980,500")
for ((i = 0; i < 9; i++)); do DRAW+=(-fill '#a7c5d9' -draw "rectangle $((620 + i * 46)),515 $((650 + i * 46)),535"); done
scene caspian-ferry.jpg $W $H 20 '#7fa7c9' '#eef3f6' '#2f6f8f' '#4f8fae' "0,$H 0,$G $W,$G $W,$H" \
    "A rail ferry approaching port on the Caspian Sea (illustration)" "${DRAW[@]}"

# 41011 — shepherds' spring migration, wide valley (large, 3000 x 2000)
W=3000 H=2000
ridge $W $H 900 260 17; R1=$RIDGE
ridge $W $H 1150 330 11; R2=$RIDGE
PRE=(-fill '#f7f9fb' -draw "polygon $R1" -fill '#9fb1c4' -draw "polygon $R2")
DRAW=()
for ((i = 0; i < 90; i++)); do
    x=$((400 + RANDOM % 2200)); y=$((1450 + RANDOM % 400))
    DRAW+=(-fill '#efe9dc' -draw "ellipse $x,$y 26,16 0,360" -fill '#3b3b3b' -draw "circle $((x + 24)),$((y - 6)) $((x + 32)),$((y - 6))")
done
DRAW+=(-fill '#5a3e2b' -draw "ellipse 2500,1420 40,70 0,360" -fill '#3e2a1e' -draw "ellipse 2500,1320 60,40 0,360"
       -fill '#7b5230' -draw "ellipse 2440,1500 120,60 0,360")
ridge $W $H 1200 260 10
scene talas-shepherds.jpg $W $H 21 '#5b8fc7' '#e3eef8' '#6f8f3f' '#9fae5c' "$RIDGE" \
    "Flocks move to spring pastures in the Talas valley (illustration)" "${DRAW[@]}"
PRE=()

# 41012 — yurt at the summer pasture
W=1024 H=683 G=520
DRAW=(-fill '#f4efe2' -draw "rectangle 380,400 640,$G" -fill '#e3d8c0' -draw "polygon 360,400 512,300 664,400"
      -fill '#8c3b2f' -draw "rectangle 480,440 544,$G" -fill '#8c3b2f' -draw "rectangle 380,410 640,420"
      -fill '#ffffff' -draw "circle 140,120 160,120")
ridge $W $H $G 60 8
scene talas-yurt.jpg $W $H 22 '#5f93c4' '#dfeaf3' '#5f8a3a' '#88a451' "$RIDGE" \
    "A yurt at a summer pasture (illustration)" "${DRAW[@]}"

# 41013 — metro platform
W=1280 H=720
DRAW=(-fill '#c9b28a' -draw "rectangle 0,0 $W,240" -fill '#1d1d1f' -draw "rectangle 0,240 $W,520"
      -fill '#2a7ab0' -draw "roundrectangle 80,290 1200,500 20,20" -fill '#0d3b66' -draw "rectangle 80,440 1200,460"
      -fill '#ded9cf' -draw "rectangle 0,520 $W,$H" -fill '#f2c14e' -draw "rectangle 0,520 $W,532")
for ((i = 0; i < 10; i++)); do DRAW+=(-fill '#d7ecf7' -draw "rectangle $((110 + i * 108)),310 $((190 + i * 108)),400"); done
for ((i = 0; i < 6; i++)); do DRAW+=(-fill '#fff6da' -draw "ellipse $((110 + i * 215)),60 60,18 0,360"); done
scene metro-platform.jpg $W $H 23 '#5a4a3a' '#3a2f25' '#cfc6b8' '#e5ded2' "0,$H 0,520 $W,520 $W,$H" \
    "A metro platform ahead of opening (illustration)" "${DRAW[@]}"

# 41014 — solar park with battery containers
W=1500 H=1000 G=520
DRAW=()
for ((r = 0; r < 5; r++)); do for ((c = 0; c < 9; c++)); do
    x=$((60 + c * 160 + r * 12)); y=$((580 + r * 80))
    DRAW+=(-fill '#1f3f6e' -draw "polygon $x,$y $((x + 130)),$y $((x + 150)),$((y + 45)) $((x + 20)),$((y + 45))")
done; done
DRAW+=(-fill '#eeeeee' -draw "rectangle 1150,440 1330,520" -draw "rectangle 1340,440 1480,520" -fill '#2e8b57' -draw "rectangle 1150,440 1480,452"
       -fill '#fff3b0' -draw "circle 260,160 310,160")
scene solar-park.jpg $W $H 24 '#69a7dc' '#eaf3fb' '#c2ad7e' '#d9c79a' "0,$H 0,$G $W,$G $W,$H" \
    "Solar panels and battery containers on the steppe (illustration)" "${DRAW[@]}"

# 41015 — camera-trap frame: snow leopard at night (monochrome)
W=1080 H=720
DRAW=(-fill '#b8b8b8' -draw "ellipse 540,470 170,60 0,360" -draw "ellipse 700,430 60,48 0,360"
      -draw "ellipse 380,520 140,22 -20,200" -fill '#9a9a9a' -draw "ellipse 560,470 20,14 0,360"
      -draw "ellipse 480,480 16,12 0,360" -draw "ellipse 620,455 14,10 0,360"
      -fill '#ffffff' -draw "circle 722,420 728,420"
      -font "$FONT" -pointsize 22 -fill '#ffffff' -annotate +20+40 "CAM 07  IR  -14C")
ridge $W $H 520 140 7
scene leopard-camera-trap.jpg $W $H 25 '#2b2b2b' '#4a4a4a' '#3d3d3d' '#6b6b6b' "$RIDGE" \
    "Camera-trap frame from a high-mountain slope (illustration)" "${DRAW[@]}" -colorspace Gray

# 41016 — bazaar cooks: awning, cauldron, steam
W=1200 H=900 G=620
DRAW=()
for ((i = 0; i < 12; i++)); do
    col='#d1495b'; ((i % 2)) && col='#f5f5f5'
    DRAW+=(-fill "$col" -draw "polygon $((i * 100)),0 $((i * 100 + 100)),0 $((i * 100 + 100)),180 $((i * 100)),220")
done
DRAW+=(-fill '#2b2b2b' -draw "ellipse 600,560 220,90 0,180" -fill '#c27c2c' -draw "ellipse 600,560 220,30 0,360"
       -fill '#e8e2d6' -draw "ellipse 560,420 60,40 0,360" -draw "ellipse 640,360 70,46 0,360" -draw "ellipse 600,290 50,34 0,360"
       -fill '#8a5a3b' -draw "rectangle 0,$G $W,$((G + 40))")
scene bazaar-cooks.jpg $W $H 26 '#6b3e26' '#c98b5a' '#7d5a3c' '#a27a52' "0,$H 0,$G $W,$G $W,$H" \
    "A plov cauldron at a bazaar kitchen (illustration)" "${DRAW[@]}"

# 41017 — capital skyline, wide
W=1600 H=800 G=640
DRAW=(-fill '#fff1c9' -draw "circle 1350,150 1385,150")
buildings $W $H $G 14 380 '#263445'
DRAW+=(-fill '#263445' -draw "rectangle 784,250 816,$G" -fill '#e0b04c' -draw "circle 800,230 800,180"
       -fill '#263445' -draw "polygon 1060,$G 1140,160 1220,$G")
scene astana-skyline.jpg $W $H 27 '#243b6b' '#f0a868' '#3a4350' '#556070' "0,$H 0,$G $W,$G $W,$H" \
    "The capital's skyline at sunset (illustration)" "${DRAW[@]}"

# --- avatars: initials on a coloured disc, 256 x 256 PNG ------------------------------------
avatar() {
    local file=$1 initials=$2 colour=$3
    "${IM[@]}" -size 256x256 xc:none -fill "$colour" -draw "circle 128,128 128,4" \
        -font "$FONT" -pointsize 96 -fill '#ffffff' -gravity center -annotate +0+4 "$initials" \
        "${PNG_OPTS[@]}" "PNG32:$OUT/$file"
    echo "  $OUT/$file 256x256"
}
avatar avatar-aigerim.png AS '#1b998b'
avatar avatar-timur.png TR '#2e4a7d'
avatar avatar-yelena.png YB '#c44536'
avatar avatar-bermet.png BT '#8e5ea2'
avatar avatar-farrukh.png FN '#d98a3a'

du -sh "$OUT"
