<?xml version="1.0" encoding="UTF-8"?>
<!--
  Images a text points to: the facsimile of each page (pb/@facs, directly or through a
  surface or graphic of <facsimile>), figures and their graphics. Those elsewhere are linked,
  never fetched: the build does not download anything, and the pages' Content-Security-Policy
  loads images from the site itself only, so an image elsewhere is a link for the reader
  to follow. A IIIF image is linked as an image (its info.json is a description, not one).
  An image the corpus holds beside its TEI, which the build copied into the site ($images,
  common.xsl), is shown: a page's facsimile small beside its page break, a figure in its place.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="image-labels" select="map{
      'facsimile': 'facsimile',
      'facsimile-of-page': 'Facsimile of page ',
      'facsimile-of-this-page': 'Facsimile of this page',
      'facsimiles': 'Facsimiles',
      'image': 'Image',
      'image-elsewhere': 'Image (not published with this text): ',
      'image-named': 'Image: ',
      'tcp-image': 'img. ',
      'tcp-set': 'image set '}"/>
  <!-- The widest an image is shown, in CSS pixels (a smaller one at its own size); each links to the whole image. -->
  <xsl:variable name="image-widths" select="map{'page': 160, 'figure': 640}"/>

  <!-- ================================================================ addresses -->
  <!-- $url under $base, as ria/corpus/images.py's with_base gives it (the build keys the images it
       publishes so): under a base on the web, the address there; under a relative base, a path still
       relative to the TEI file, the base's last segment replaced by $url. -->
  <xsl:function name="ria:with-base" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:param name="base" as="xs:string"/>
    <xsl:variable name="scheme" select="'^[a-zA-Z][a-zA-Z0-9+.-]*:'"/>
    <xsl:sequence select="if ($base = '' or matches($url, $scheme)) then $url
        else if (matches($base, '^https?://')) then string(resolve-uri($url, $base))
        else if (matches($base, $scheme)) then $base
        else if (starts-with($url, '/')) then $url
        else concat(if (contains($base, '/')) then replace($base, '/[^/]*$', '/') else '', $url)"/>
  </xsl:function>

  <!-- The xml:base around an image's markup, nested bases combined: its own, its facsimile's or
       figure's, a division's, the one an xi:include gives the part it brings from another folder.
       A base declared for the whole document (on TEI) names the document, not where its images
       are, so it is not used (as ria/corpus/images.py's image_base). -->
  <xsl:function name="ria:image-base" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="image-markup" select="$node/ancestor-or-self::*[parent::*][not(self::tei:TEI and parent::tei:teiCorpus)]"/>
    <xsl:sequence select="fold-left(($image-markup/@xml:base ! normalize-space())[.], '',
        function($outer, $inner) { ria:with-base($inner, $outer) })"/>
  </xsl:function>

  <!-- $url as the address of an image on the web, under its markup's xml:base; nothing if it is not
       one (a path relative to the TEI file, which the build may have published, or a bare name). -->
  <xsl:function name="ria:absolute-url" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="ria:with-base($url, ria:image-base($node))[matches(., '^https?://')]"/>
  </xsl:function>

  <!-- The image the site has for $url as $node's markup gives it: (its address from this page, width,
       height); nothing for an address on the web, or one the build did not publish. -->
  <xsl:function name="ria:published-image" as="xs:string*">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="address" select="ria:with-base(normalize-space($url), ria:image-base($node))"/>
    <xsl:variable name="image" select="if (matches($address, '^https?://')) then () else $published-images($address)"/>
    <xsl:sequence select="if (exists($image)) then (concat($root, $image[1]), subsequence($image, 2)) else ()"/>
  </xsl:function>

  <!-- A published image (ria:published-image) as an img, no wider than $widest: it is loaded when the
       reader comes near it, and its place is kept while it loads. -->
  <xsl:function name="ria:img" as="element()">
    <xsl:param name="image" as="xs:string+"/>
    <xsl:param name="alt" as="xs:string"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="widest" as="xs:integer"/>
    <xsl:variable name="width" select="xs:integer($image[2])"/>
    <xsl:variable name="shown" select="min(($width, $widest))"/>
    <img class="{$class}" src="{$image[1]}" alt="{$alt}" loading="lazy" width="{$shown}"
         height="{max((1, xs:integer(round(xs:integer($image[3]) * $shown div $width))))}"/>
  </xsl:function>

  <!-- The image a IIIF Image API address stands for: the full image of an info.json; any other address as it is. -->
  <xsl:function name="ria:image-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="if (matches($url, '/info\.json$')) then replace($url, '/info\.json$', '/full/max/0/default.jpg') else $url"/>
  </xsl:function>

  <!-- The graphic a facsimile pointer leads to: "#id" of a graphic, surface or zone, or of a
       facsimile (Transkribus exports a facsimile per page, its xml:id the page's pb/@facs: the page is
       its first surface), or a URL or name that a graphic of <facsimile> carries. -->
  <xsl:function name="ria:facsimile-graphic" as="element(tei:graphic)?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="target" select="if (starts-with($pointer, '#')) then key('ids', substring($pointer, 2), root($context))[1] else ()"/>
    <!-- A surface may hold the same page several times (a TIFF master beside a copy on the web):
         the first the reader can be taken to is the page's image. -->
    <xsl:variable name="surface" select="$target/(self::tei:surface | self::tei:zone | self::tei:facsimile/(tei:surface | tei:surfaceGrp//tei:surface)[1])"/>
    <xsl:variable name="of-surface" select="($surface/(tei:graphic, ancestor::tei:surface/tei:graphic), $target/self::tei:facsimile/tei:graphic)[@url]"/>
    <xsl:sequence select="(
        $target/self::tei:graphic,
        $of-surface[exists(ria:absolute-url(., @url)) or exists(ria:published-image(., @url))], $of-surface,
        root($context)/tei:TEI/tei:facsimile//tei:graphic[@url = $pointer])[1]"/>
  </xsl:function>

  <!-- Where a facsimile pointer can take the reader, if anywhere. -->
  <xsl:function name="ria:facsimile-url" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="graphic" select="ria:facsimile-graphic($context, $pointer)"/>
    <xsl:sequence select="(if ($graphic) then ria:absolute-url($graphic, $graphic/@url) else (),
        if (starts-with($pointer, '#')) then () else ria:absolute-url($context, $pointer))[1] ! ria:image-url(.)"/>
  </xsl:function>

  <!-- ================================================================ page facsimiles -->
  <!-- The page break as its own rules make it, with a link to its facsimile beside it (inside
       the list item a break between list items is wrapped in). A pointer that leads nowhere
       on the web (a bare file name) is kept as data-facs. -->
  <xsl:template match="tei:pb[normalize-space(@facs)]" priority="3">
    <xsl:variable name="marker"><xsl:next-match/></xsl:variable>
    <xsl:variable name="pb" select="."/>
    <!-- A page break inside a link (a name, a reference) cannot carry a link of its own. -->
    <xsl:variable name="pointers" select="if (ria:in-link(.)) then () else tokenize(normalize-space(@facs), ' ')"/>
    <xsl:variable name="urls" select="distinct-values($pointers ! ria:facsimile-url($pb, .))"/>
    <!-- the images the site has, each as "address width height" -->
    <xsl:variable name="images" select="distinct-values($pointers ! string-join(
        (for $graphic in ria:facsimile-graphic($pb, .)[@url] return ria:published-image($graphic, $graphic/@url),
         ria:published-image($pb, .))[position() le 3], ' '))[normalize-space()]"/>
    <xsl:variable name="label" select="if ($pb/@n) then concat($image-labels('facsimile-of-page'), $pb/@n) else $image-labels('facsimile-of-this-page')"/>
    <xsl:variable name="links" as="element()*">
      <xsl:for-each select="$urls">
        <a class="facs" href="{.}" lang="en" aria-label="{$label}">
          <xsl:value-of select="$image-labels('facsimile')"/>
        </a>
      </xsl:for-each>
      <xsl:for-each select="$images">
        <a class="facs" href="{tokenize(., ' ')[1]}" lang="en">
          <xsl:sequence select="ria:img(tokenize(., ' '), $label, 'facs-image', $image-widths('page'))"/>
        </a>
      </xsl:for-each>
      <!-- EEBO-TCP's "tcp:12345:2" is no address but image 2 of the scanned book 12345, the page
           reference a reader of the scans looks up: it is said, not linked. -->
      <xsl:variable name="tcp" select="$pointers[matches(., '^tcp:[^:]+:.+$')]"/>
      <xsl:for-each select="$tcp">
        <xsl:variable name="parts" select="tokenize(substring-after(., 'tcp:'), ':')"/>
        <span class="facs-ref facs-tcp" data-facs="{.}" lang="en"
            title="{concat('EEBO-TCP ', $image-labels('tcp-set'), $parts[1], ', ', lower-case($image-labels('image')), ' ', string-join($parts[position() gt 1], ':'))}">
          <xsl:value-of select="concat('[', $image-labels('tcp-image'), string-join($parts[position() gt 1], ':'), ']')"/>
        </span>
      </xsl:for-each>
      <xsl:if test="empty($urls) and empty($images) and empty($tcp)">
        <span class="facs-ref" data-facs="{normalize-space(@facs)}"/>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$marker/*[1][self::h:li] and count($marker/node()) = 1">
        <xsl:for-each select="$marker/h:li">
          <xsl:copy><xsl:copy-of select="@*, node(), $links"/></xsl:copy>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="$marker/node(), $links"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Facsimile images no page break points to are listed in the about part (see profile.xsl), in
       one list however many facsimile elements hold them (Transkribus exports one per page); not
       those of a facsimile that holds the transcription, shown with its lines (sourcedoc.xsl). -->
  <xsl:template match="tei:facsimile[not(preceding-sibling::tei:facsimile)][not(../tei:facsimile[ria:embeds-transcription(.)])]" mode="about-tail">
    <xsl:variable name="pointers" select="distinct-values(root()/tei:TEI/tei:text//tei:pb/@facs ! tokenize(normalize-space(.), ' '))"/>
    <xsl:variable name="pointed-to" select="$pointers ! ria:facsimile-graphic(current(), .)"/>
    <xsl:variable name="unreferenced" select="../tei:facsimile//tei:graphic[@url][not(. intersect $pointed-to)]
        [exists(ria:absolute-url(., @url)) or exists(ria:published-image(., @url))]"/>
    <xsl:if test="$unreferenced">
      <dt><xsl:value-of select="$image-labels('facsimiles')"/></dt>
      <dd>
        <ol class="facsimiles">
          <xsl:for-each select="$unreferenced">
            <li><a class="facs" href="{(ria:absolute-url(., @url) ! ria:image-url(.), ria:published-image(., @url)[1])[1]}"><xsl:value-of select="(ancestor::tei:surface[1]/@n, ancestor::tei:surface[1]/tei:label, position())[1]"/></a></li>
          </xsl:for-each>
        </ol>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ figures -->
  <!-- A figure's head and description are its caption, which HTML wants first or last. -->
  <xsl:template match="tei:figure" priority="1">
    <xsl:variable name="inline" select="ria:in-phrasing(.)"/>
    <xsl:element name="{if ($inline) then 'span' else 'figure'}">
      <xsl:attribute name="class">figure</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates select="node() except (tei:head | tei:figDesc)"/>
      <xsl:if test="tei:head | tei:figDesc">
        <xsl:element name="{if ($inline) then 'span' else 'figcaption'}">
          <xsl:attribute name="class">figcaption</xsl:attribute>
          <xsl:for-each select="tei:head"><span class="caption"><xsl:apply-templates/></span></xsl:for-each>
          <xsl:for-each select="tei:figDesc"><span class="figDesc"><xsl:apply-templates/></span></xsl:for-each>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- An image is a link to it where it is on the web, and shown where the site has it; otherwise the
       reader is told an image stands here. -->
  <xsl:template match="tei:graphic">
    <xsl:variable name="url" select="if (normalize-space(@url)) then ria:absolute-url(., normalize-space(@url)) else ()"/>
    <xsl:variable name="published" select="if (normalize-space(@url)) then ria:published-image(., @url) else ()"/>
    <!-- (a graphic's own desc, as TEIGarage writes a Word picture's alternative text, describes it
         as a figure's figDesc does; where no image is shown its words stand after the report) -->
    <xsl:variable name="description" select="normalize-space(string-join((tei:desc, ../tei:figDesc), ' '))"/>
    <xsl:choose>
      <xsl:when test="exists($published)">
        <!-- described by its figure's description, else its heading, else its file's name -->
        <xsl:variable name="img" select="ria:img($published, (
            $description, normalize-space(string-join(../tei:head, ' ')),
            concat($image-labels('image-named'), tokenize(@url, '/')[normalize-space()][last()]))[.][1],
            'graphic-image', $image-widths('figure'))"/>
        <xsl:choose>
          <xsl:when test="ria:in-link(.)"><xsl:sequence select="$img"/></xsl:when>
          <xsl:otherwise><a class="graphic" href="{$published[1]}"><xsl:sequence select="$img"/></a></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="exists($url)">
        <a class="graphic" href="{ria:image-url($url)}">
          <xsl:if test="$description"><xsl:attribute name="title" select="$description"/></xsl:if>
          <span lang="en"><xsl:value-of select="$image-labels('image')"/></span>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic" data-url="{@url}" lang="en">[<xsl:value-of select="if (normalize-space(@url))
            then concat($image-labels('image-elsewhere'), tokenize(@url, '/')[normalize-space()][last()])
            else $image-labels('image')"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="empty($published) and tei:desc[normalize-space()]">
      <xsl:text> </xsl:text><span class="graphic-desc"><xsl:apply-templates select="tei:desc/node()"/></span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
