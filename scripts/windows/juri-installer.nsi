; Juri's Windows installer (makensis, run by scripts/package-windows). Installs for the current user
; only, without administrator rights: the program under %LOCALAPPDATA%\Programs\Juri, a Start-menu
; and a desktop shortcut, an uninstaller listed in "Apps & features", and the file types .jurikit
; (a judge's kit) and .jurinilai (a judge's score package) opening in Juri. The data stay in the
; user's application-data folder (%APPDATA%\id.juri.app) and are kept when Juri is uninstalled.
;
; makensis -DVERSION=0.1.0 -DSTAGE=<folder with Juri.exe, juri-cli.exe, WebView2Loader.dll>
;          -DICON=<icon.ico> -DOUTFILE=<installer.exe> juri-installer.nsi

; A 64-bit installer for the 64-bit app (it also runs under a 64-bit-only Wine).
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 32
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define APP "Juri"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Juri"
; The WebView2 runtime's client id (Microsoft's Evergreen runtime).
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Juri"
InstallDirRegKey HKCU "Software\Juri" "InstallDir"
BrandingText "Juri ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Juri"
VIAddVersionKey /LANG=0 "FileDescription" "Juri ${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Juri"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "Software\Juri"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\Juri.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Indonesian first: the default when no language is chosen (a silent install).
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

LangString KitType ${LANG_INDONESIAN} "Kit juri Juri"
LangString KitType ${LANG_ENGLISH} "Juri judge kit"
LangString PackageType ${LANG_INDONESIAN} "Paket nilai Juri"
LangString PackageType ${LANG_ENGLISH} "Juri score package"
LangString NoWebView2 ${LANG_INDONESIAN} "Juri memerlukan Microsoft Edge WebView2 Runtime, yang belum terpasang di komputer ini.$\r$\n$\r$\nWindows 10 dan 11 yang diperbarui sudah memilikinya. Minta petugas TI memasangnya (unduh $\"Evergreen Standalone Installer$\" dari https://developer.microsoft.com/microsoft-edge/webview2/), lalu buka Juri lagi. Pemasangan Juri tetap dilanjutkan."
LangString NoWebView2 ${LANG_ENGLISH} "Juri needs the Microsoft Edge WebView2 Runtime, which is not installed on this computer.$\r$\n$\r$\nUp-to-date Windows 10 and 11 have it. Ask IT to install it (download the $\"Evergreen Standalone Installer$\" from https://developer.microsoft.com/microsoft-edge/webview2/), then open Juri again. Juri's installation goes on."
LangString StillRunning ${LANG_INDONESIAN} "Juri masih terbuka. Tutup Juri, lalu klik Coba lagi."
LangString StillRunning ${LANG_ENGLISH} "Juri is still open. Close Juri, then click Retry."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Says once, in the installer's language, that WebView2 is missing (silently: only in the log).
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  StrCmp $0 "" 0 +2
  ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_KEY}" "pv"
  StrCmp $0 "" 0 +2
  ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  StrCmp $0 "" missing
  StrCmp $0 "0.0.0.0" missing
  DetailPrint "WebView2 $0"
  Return
  missing:
  DetailPrint "WebView2 Runtime: -"
  MessageBox MB_OK|MB_ICONINFORMATION "$(NoWebView2)" /SD IDOK
FunctionEnd

; Registers one file type for this user: the extension, its description, icon and "open with Juri".
!macro FileType EXT PROGID DESCRIPTION
  WriteRegStr HKCU "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\Juri.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\Juri.exe" "%1"'
!macroend

; Removes a file type only while it is still Juri's (another program may have taken it over).
!macro un.FileType EXT PROGID
  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  StrCmp $0 "${PROGID}" 0 +2
  DeleteRegKey HKCU "Software\Classes\${EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
!macroend

Section "Juri" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; Juri.exe cannot be replaced while it runs (an update over an open Juri).
  retry:
  ClearErrors
  File "${STAGE}\Juri.exe"
  IfErrors 0 copied
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
  Abort
  copied:
  File "${STAGE}\juri-cli.exe"
  File "${STAGE}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\Juri.lnk" "$INSTDIR\Juri.exe" "" "$INSTDIR\Juri.exe" 0
  CreateShortCut "$DESKTOP\Juri.lnk" "$INSTDIR\Juri.exe" "" "$INSTDIR\Juri.exe" 0

  !insertmacro FileType ".jurikit" "Juri.Kit" "$(KitType)"
  !insertmacro FileType ".jurinilai" "Juri.Nilai" "$(PackageType)"
  ; Explorer picks up the new file types without a restart.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\Juri" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Juri"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Juri"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Juri.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  Call CheckWebView2
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\Juri.exe"
  Delete "$INSTDIR\juri-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Juri.lnk"
  Delete "$DESKTOP\Juri.lnk"
  !insertmacro un.FileType ".jurikit" "Juri.Kit"
  !insertmacro un.FileType ".jurinilai" "Juri.Nilai"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Juri"
  ; The data (%APPDATA%\id.juri.app: scores, kits opened, backups) are kept on purpose.
SectionEnd
