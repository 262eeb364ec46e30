<?xml version="1.0" encoding="UTF-8"?>
<!-- The text's header as bibliographic data: who made what, from which source, under what rights. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:teiHeader">
    <xsl:variable name="file" select="tei:fileDesc"/>
    <dl class="metadata">
      <!-- Each title on a line of its own: a main title and its subtitle, a series and a letter's title. -->
      <dt>Title</dt>
      <xsl:for-each select="$file/tei:titleStmt/tei:title">
        <dd><xsl:apply-templates select="." mode="header-inline"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:titleStmt/tei:author">
        <dt>Author</dt>
        <dd><xsl:apply-templates mode="header-inline"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:titleStmt/(tei:editor | tei:respStmt)">
        <dt><xsl:value-of select="if (self::tei:editor) then 'Editor' else normalize-space(tei:resp[1])"/></dt>
        <dd><xsl:apply-templates select="if (self::tei:editor) then node() else (tei:name | tei:persName | tei:orgName)" mode="header-inline"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:sourceDesc/(tei:bibl | tei:listBibl/tei:bibl | tei:p)">
        <dt><xsl:value-of select="if (@type) then concat('Source (', replace(@type, '-', ' '), ')') else 'Source'"/></dt>
        <dd>
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:apply-templates mode="header-inline"/>
        </dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:extent">
        <dt>Extent</dt>
        <dd><xsl:apply-templates mode="header-inline"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:publicationStmt/tei:availability">
        <dt>Rights<xsl:if test="normalize-space(@status)"> (<xsl:value-of select="@status"/>)</xsl:if></dt>
        <dd><xsl:apply-templates mode="header-inline"/></dd>
      </xsl:for-each>
    </dl>
    <xsl:if test="tei:encodingDesc/tei:editorialDecl">
      <div class="editorial-decl">
        <xsl:apply-templates select="tei:encodingDesc/tei:editorialDecl//tei:p" mode="header-block"/>
      </div>
    </xsl:if>
    <xsl:if test="tei:revisionDesc//tei:change">
      <ul class="revisions">
        <!-- Changes straight in the revisionDesc, or in its lists of changes (listChange). -->
        <xsl:for-each select="tei:revisionDesc//tei:change">
          <!-- A change dated only in its words (P4's change/date) is listed by them. -->
          <li><xsl:if test="normalize-space(@when)"><time datetime="{@when}"><xsl:value-of select="@when"/></time>: </xsl:if><xsl:apply-templates mode="header-inline"/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:p" mode="header-block">
    <p><xsl:apply-templates mode="header-inline"/></p>
  </xsl:template>
  <xsl:template match="tei:list" mode="header-inline">
    <ul><xsl:for-each select="tei:item"><li><xsl:apply-templates mode="header-inline"/></li></xsl:for-each></ul>
  </xsl:template>
  <xsl:template match="tei:quote" mode="header-inline">
    <q><xsl:apply-templates mode="header-inline"/></q>
  </xsl:template>
  <xsl:template match="tei:title" mode="header-inline">
    <cite><xsl:apply-templates mode="header-inline"/></cite>
  </xsl:template>
  <xsl:template match="tei:ref[matches(@target, '^https?://')] | tei:licence[matches(@target, '^https?://')]" mode="header-inline">
    <a href="{@target}"><xsl:apply-templates mode="header-inline"/></a>
  </xsl:template>
  <xsl:template match="tei:note" mode="header-inline">
    <span class="header-note"> (<xsl:apply-templates mode="header-inline"/>)</span>
  </xsl:template>
  <xsl:template match="tei:p" mode="header-inline">
    <span class="p"><xsl:apply-templates mode="header-inline"/></span>
  </xsl:template>
  <!-- Parts written side by side with nothing between them (<date>…</date><item>…</item>) are
       kept apart by a space, so their words do not run together. -->
  <xsl:template match="*" mode="header-inline">
    <xsl:if test="preceding-sibling::node()[1][self::*]"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="header-inline"/>
  </xsl:template>
  <xsl:template match="text()" mode="header-inline">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
