<?xml version="1.0" encoding="UTF-8"?>
<!--
  Characters a file marks by their rendition rather than writes: an empty c standing for a sign
  of the manuscript. The ACDH's letter and diary editions (schnitzler-briefe and its sister
  editions) write "Sti<c rendition="#gemination-m"/>ung" for "Stimmung" as the writer wrote it, an
  m with a stroke over it, and never declare these ids in the header: their own stylesheets
  (arthur-schnitzler/schnitzler-briefe-static, xslt/partials) give each its characters, the
  reading text's and the manuscript's. The reading text shows the first, the diplomatic view the
  second, through the page's view switch; the search index and the registers' excerpts read the
  first (ria/model/readings.py holds the same table).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- id: (reading text, manuscript). "dots" is repeated @n times, three where @n gives no number. -->
  <xsl:variable name="marked-characters" select="map{
      'gemination-m': ('mm', 'm&#x305;'), 'gemination-n': ('nn', 'n&#x305;'),
      'kaufmannsund': ('&amp;', '&amp;'), 'prozent': ('%', '%'), 'tilde': ('~', '~'),
      'geschwungene-klammer-auf': ('{', '{'), 'geschwungene-klammer-zu': ('}', '}'), 'dots': ('.', '.')}"/>

  <xsl:function name="ria:marked-character" as="xs:string?">
    <xsl:param name="c" as="element()"/>
    <xsl:sequence select="(tokenize(normalize-space($c/@rendition), ' ')[starts-with(., '#')] ! substring(., 2)
        [map:contains($marked-characters, .)])[1]"/>
  </xsl:function>

  <xsl:template match="tei:c[not(node())][ria:marked-character(.)]" priority="2">
    <xsl:variable name="id" select="ria:marked-character(.)"/>
    <xsl:variable name="times" select="if ($id ne 'dots') then 1
        else if (@n castable as xs:integer) then max((1, min((xs:integer(@n), 80)))) else 3"/>
    <xsl:variable name="reading" select="string-join((1 to $times) ! $marked-characters($id)[1])"/>
    <xsl:variable name="original" select="string-join((1 to $times) ! $marked-characters($id)[2])"/>
    <xsl:choose>
      <xsl:when test="$reading eq $original"><span class="c {$id}"><xsl:value-of select="$reading"/></span></xsl:when>
      <xsl:otherwise>
        <span class="app c {$id}"><span class="reading"><xsl:value-of select="$reading"/></span><span class="original"><xsl:value-of select="$original"/></span></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Kanripo's classics (mandoku's TEI) write the printed page's layout as empty pc whose @n holds
       it: <pc n="lb"/> ends a line of the print, <pc n="&#x3000;"/> is its ideographic space (a line's
       indent). The line ends as a line break does; a single sign that is no letter or digit is shown.
       (ria/model/readings.py reads them alike.) -->
  <xsl:template match="tei:pc[not(node())][@n = 'lb']" priority="2"><br/></xsl:template>
  <xsl:template match="tei:pc[not(node())][ria:pc-sign(.)]" priority="2">
    <span class="pc"><xsl:value-of select="@n"/></span>
  </xsl:template>
  <xsl:function name="ria:pc-sign" as="xs:boolean">
    <xsl:param name="pc" as="element()"/>
    <xsl:sequence select="string-length($pc/@n) = 1 and not(matches($pc/@n, '[\p{L}\p{N}]'))"/>
  </xsl:function>

  <!-- The long s the same editions mark on the letter they write ("die<c rendition="#langesS">s</c>e"):
       an s in the reading text, the long s in the diplomatic view. -->
  <xsl:template match="tei:c[. = 's'][tokenize(normalize-space(@rendition), ' ') = '#langesS']" priority="2">
    <span class="app c langesS"><span class="reading">s</span><span class="original">ſ</span></span>
  </xsl:template>
</xsl:stylesheet>
